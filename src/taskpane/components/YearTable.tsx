import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import * as React from 'react';
import { regionShare, type YearResult } from '../../engine/allocate';
import { formatSv } from '../../engine/format';
import type { Controller } from '../controller';
import { usePane } from './usePane';

const useStyles = makeStyles({
  table: { borderCollapse: 'collapse', width: '100%', fontSize: tokens.fontSizeBase200 },
  cell: { textAlign: 'end', padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  cellStart: { textAlign: 'start' },
});

/** The allocated years: amount, the region's and the municipalities' parts, öre/inv. */
export function YearTable({ years, controller }: { years: readonly YearResult[]; controller: Controller }) {
  const { t } = usePane(controller);
  const c = useStyles();
  return (
    <table className={c.table} data-testid="year-table">
      <thead>
        <tr>
          {[t.years, t.allocated, t.region, t.municipalities, t.ratePerInh].map((h, i) => (
            <th key={h} className={i === 0 ? mergeClasses(c.cell, c.cellStart) : c.cell} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {years.map((y) => {
          const region = regionShare(y);
          return (
            <tr key={y.year}>
              <th className={mergeClasses(c.cell, c.cellStart)} scope="row">
                {y.year}
              </th>
              <td className={c.cell}>{formatSv(y.amount)}</td>
              <td className={c.cell}>{formatSv(region)}</td>
              <td className={c.cell}>{formatSv(y.amount.minus(region))}</td>
              <td className={c.cell}>{y.rate ? formatSv(y.rate.orePerInhabitant, 2) : '–'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
