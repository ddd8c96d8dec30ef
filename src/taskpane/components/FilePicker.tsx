import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import * as React from 'react';
import type { Controller } from '../controller';
import { Section } from './Section';
import { usePane } from './usePane';

const useStyles = makeStyles({
  fileInput: { fontSize: tokens.fontSizeBase300, color: tokens.colorNeutralForeground1 },
});

/** The browser host's file chooser, as a labelled native input (keyboard and screen reader friendly). */
export function FilePicker({ controller, fileName, onFile }: { controller: Controller; fileName: string | null; onFile: (f: File) => void }) {
  const { t } = usePane(controller);
  const c = useStyles();
  return (
    <Section id="sgd-file" title={t.openFile} first>
      <input
        id="sgd-file-input"
        className={c.fileInput}
        type="file"
        aria-label={t.openFile}
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) onFile(f);
          // Choosing the same (edited) file again must reload it: an unchanged value fires no change event.
          e.target.value = '';
        }}
      />
      <Caption1>
        {fileName ? `${t.file}: ${fileName}` : t.noFile} {t.openFileHint}
      </Caption1>
    </Section>
  );
}
