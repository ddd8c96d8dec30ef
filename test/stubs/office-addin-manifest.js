// office-addin-mock needs only the OfficeApp enum from office-addin-manifest, whose
// own dependencies are ES modules that Jest's CommonJS runtime cannot load.
module.exports = {
  OfficeApp: {
    Excel: 'excel',
    OneNote: 'onenote',
    Outlook: 'outlook',
    PowerPoint: 'powerpoint',
    Project: 'project',
    Word: 'word',
  },
};
