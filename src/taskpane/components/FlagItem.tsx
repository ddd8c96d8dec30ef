import { Button, makeStyles, tokens } from '@fluentui/react-components';
import * as React from 'react';
import type { Flag } from '../../engine/flags';
import { messageFor } from '../../engine/messages';
import type { Controller } from '../controller';
import { usePane } from './usePane';

const useStyles = makeStyles({
  flagButton: { justifyContent: 'flex-start', textAlign: 'start', width: '100%', height: 'auto', padding: tokens.spacingVerticalXS, minWidth: 0 },
  flagText: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', rowGap: tokens.spacingVerticalXXS, whiteSpace: 'normal', fontWeight: tokens.fontWeightRegular },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

/** One flag: its code and cell, its message; a button that shows the cell when it has one. */
export function FlagItem({ flag: f, controller }: { flag: Flag; controller: Controller }) {
  const { s, t } = usePane(controller);
  const c = useStyles();
  const where = f.sheet && f.cell ? `${f.sheet}!${f.cell}` : '';
  const text = (
    <span className={c.flagText}>
      <span className={c.code}>
        {f.code}
        {where ? ` · ${where}` : ''}
      </span>
      <span>{messageFor(f, s.lang)}</span>
    </span>
  );
  if (!where) return <div className={c.flagButton}>{text}</div>;
  return (
    <Button appearance="subtle" className={c.flagButton} onClick={() => void controller.showFlag(f)} title={`${t.goToCell} ${where}`} data-testid="flag">
      {text}
    </Button>
  );
}
