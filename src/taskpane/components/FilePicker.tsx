import { Button, Caption1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import * as React from 'react';
import { useRef, useState } from 'react';
import type { Controller } from '../controller';
import { Section } from './Section';
import { usePane } from './usePane';

const useStyles = makeStyles({
  drop: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  over: { outline: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  // The native input stays for the keyboard-free paths (tests, assistive tech reach the button instead).
  input: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
});

/**
 * The browser host's file chooser: a themed button over the native input
 * (which follows neither theme nor language), and the section is a drop
 * zone for a file dragged from the desktop. Choosing the same (edited) file
 * again reloads it.
 */
export function FilePicker({ controller, fileName, onFile }: { controller: Controller; fileName: string | null; onFile: (f: File) => void }) {
  const { t } = usePane(controller);
  const c = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    <Section id="sgd-file" title={t.openFile} first>
      <div
        className={mergeClasses(c.drop, over && c.over)}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const f = e.dataTransfer?.files?.[0];
          if (f) onFile(f);
        }}
      >
        <input
          id="sgd-file-input"
          ref={input}
          className={c.input}
          type="file"
          tabIndex={-1}
          aria-hidden="true"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) onFile(f);
            // Choosing the same (edited) file again must reload it: an unchanged value fires no change event.
            e.target.value = '';
          }}
        />
        <Button appearance="secondary" onClick={() => input.current?.click()}>
          {t.chooseFile}
        </Button>
        <Caption1>{t.dropHint}</Caption1>
        <Caption1 role="status">
          {fileName ? `${t.file}: ${fileName}` : t.noFile} {t.openFileHint}
        </Caption1>
      </div>
    </Section>
  );
}
