import { Button, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import * as React from 'react';
import type { Flag } from '../../engine/flags';
import { messageFor } from '../../engine/messages';
import type { CellContext } from '../../workbook/cellContext';
import type { Controller } from '../controller';
import { usePane } from './usePane';

const useStyles = makeStyles({
  flagButton: { justifyContent: 'flex-start', textAlign: 'start', width: '100%', height: 'auto', padding: tokens.spacingVerticalXS, minWidth: 0 },
  flagText: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', rowGap: tokens.spacingVerticalXXS, whiteSpace: 'normal', fontWeight: tokens.fontWeightRegular, overflowWrap: 'anywhere' },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  context: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    margin: `${tokens.spacingVerticalXXS} 0 ${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    padding: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    overflowWrap: 'anywhere',
    minWidth: 0,
    maxWidth: '100%',
    boxSizing: 'border-box',
  },
  scroll: { overflowX: 'auto', maxWidth: '100%' },
  grid: { tableLayout: 'fixed', width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  cell: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    padding: `0 ${tokens.spacingHorizontalXXS}`,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  head: { color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular, width: '2.5em' },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  flagged: { outline: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteRedBorder2}`, fontWeight: tokens.fontWeightSemibold },
});

/** One flag: its code and cell, its message; a button that shows the cell (and, next to it, the cell in its sheet). */
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
  const open = s.flagContext?.flag === f;
  return (
    <>
      <Button appearance="subtle" className={c.flagButton} onClick={() => void controller.showFlag(f)} title={`${t.goToCell} ${where}`} aria-expanded={open} data-testid="flag">
        {text}
      </Button>
      {open && <CellView context={s.flagContext!.context} where={where} controller={controller} />}
    </>
  );
}

/** The flagged cell in its sheet: value, row and column labels, and its neighbours. */
function CellView({ context: x, where, controller }: { context: CellContext | null; where: string; controller: Controller }) {
  const { t } = usePane(controller);
  const c = useStyles();
  if (!x) return <Text className={c.context}>{t.noCellContext}</Text>;
  const letters = x.rows[0].map(([ref]) => ref.replace(/\d+$/, ''));
  return (
    <div className={c.context} role="group" aria-label={`${t.cellInSheet} ${where}`} data-testid="cell-context">
      <Text>
        {where}: <strong>{x.value || t.emptyCell}</strong>
      </Text>
      {x.rowLabel && (
        <Text>
          {t.rowLabel}: {x.rowLabel}
        </Text>
      )}
      {x.columnLabel && (
        <Text>
          {t.columnLabel}: {x.columnLabel}
        </Text>
      )}
      <div className={c.scroll} tabIndex={0} role="group" aria-label={`${t.neighbours} ${where}`}>
      <table className={c.grid}>
        <caption className={c.hidden}>{`${t.neighbours} ${where}`}</caption>
        <thead>
          <tr>
            <td className={mergeClasses(c.cell, c.head)} />
            {letters.map((l) => (
              <th key={l} className={mergeClasses(c.cell, c.head)} scope="col">
                {l}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {x.rows.map((row, i) => (
            <tr key={row[0][0]}>
              <th className={mergeClasses(c.cell, c.head)} scope="row">
                {row[0][0].replace(/^[A-Z]+/, '')}
              </th>
              {row.map(([ref, v], j) => (
                <td key={ref} className={mergeClasses(c.cell, i === x.at[0] && j === x.at[1] && c.flagged)} title={v} aria-current={i === x.at[0] && j === x.at[1] ? 'true' : undefined}>
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </div>
  );
}
