/** The two languages of every text the add-in shows: flags, sheets, the pane, the CLI, custom-function errors. */
export type Lang = 'sv' | 'en';
