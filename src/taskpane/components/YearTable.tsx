import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import * as React from 'react';
import { regionShare, type YearResult } from '../../engine/allocate';
import type { Dec } from '../../engine/decimal';
import { formatEn, formatSv } from '../../engine/format';
import type { Controller } from '../controller';
import { usePane } from './usePane';

const useStyles = makeStyles({
  table: { borderCollapse: 'collapse', width: '100%', fontSize: tokens.fontSizeBase200 },
  cell: { textAlign: 'end', padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  cellStart: { textAlign: 'start' },
  bar: { height: '0.6em', backgroundColor: tokens.colorBrandBackground, borderRadius: tokens.borderRadiusSmall, minWidth: '1px' },
  barCell: { width: '30%', padding: `0 ${tokens.spacingHorizontalXS}` },
  details: { marginTop: tokens.spacingVerticalS },
  // A table wider than a narrow pane (or 200 % zoom) scrolls inside itself, never the page.
  scroll: { overflowX: 'auto', maxWidth: '100%' },
});

/** "1 150 000 kr" in whole kronor, "1 150 000,00 kr" when the year is split in öre: one way per year, never mixed. */
function money(d: Dec, y: YearResult, lang: 'sv' | 'en'): string {
  const decimals = y.unit === 'ore' ? 2 : 0;
  return lang === 'sv' ? `${formatSv(d, decimals)} kr` : `SEK ${formatEn(d, decimals)}`;
}

/** The allocated years: amount, the region's and the municipalities' parts, öre/inv; and each year per principal. */
export function YearTable({ years, controller }: { years: readonly YearResult[]; controller: Controller }) {
  const { s, t } = usePane(controller);
  const c = useStyles();
  const rate = (d: Dec) => (s.lang === 'sv' ? formatSv(d, 2) : formatEn(d, 2));
  return (
    <>
      <div className={c.scroll} tabIndex={0} role="group" aria-label={t.allocated}>
      <table className={c.table} data-testid="year-table">
        <thead>
          <tr>
            {[t.years, t.allocated, t.regionHeader, t.municipalitiesHeader, t.ratePerInhHeader].map((h, i) => (
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
                <td className={c.cell}>{money(y.amount, y, s.lang)}</td>
                <td className={c.cell}>{money(region, y, s.lang)}</td>
                <td className={c.cell}>{money(y.amount.minus(region), y, s.lang)}</td>
                <td className={c.cell}>{y.rate ? rate(y.rate.orePerInhabitant) : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
      {years.map((y) => (
        <PrincipalTable key={y.year} y={y} controller={controller} />
      ))}
    </>
  );
}

type SortKey = 'name' | 'amount';

/** One year per principal: sortable by name or amount, with "kr", öre/inv and a bar, as on the sheets. */
function PrincipalTable({ y, controller }: { y: YearResult; controller: Controller }) {
  const { s, t } = usePane(controller);
  const c = useStyles();
  const [sort, setSort] = React.useState<{ key: SortKey; desc: boolean }>({ key: 'amount', desc: true });
  // The rows are made only when the year is opened: five closed years of 311 principals cost the page nothing.
  const [open, setOpen] = React.useState(false);
  const max = y.shares.reduce((m, x) => (x.amount.gt(m) ? x.amount : m), y.shares[0]?.amount ?? y.amount);
  const rows = [...y.shares].sort((a, b) => {
    const d = sort.key === 'name' ? a.principal.name.localeCompare(b.principal.name, s.lang) : a.amount.comparedTo(b.amount);
    return sort.desc ? -d : d;
  });
  const header = (key: SortKey, label: string) => (
    <th className={key === 'name' ? mergeClasses(c.cell, c.cellStart) : c.cell} scope="col" aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <Button appearance="transparent" size="small" onClick={() => setSort({ key, desc: sort.key === key ? !sort.desc : key === 'amount' })}>
        {label}
      </Button>
    </th>
  );
  return (
    <details className={c.details} data-testid={`principals-${y.year}`} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>
        {t.perPrincipal} {y.year} ({y.shares.length})
      </summary>
      {open && (
      <div className={c.scroll} tabIndex={0} role="group" aria-label={`${t.perPrincipal} ${y.year}`}>
      <table className={c.table}>
        <thead>
          <tr>
            {header('name', t.principalHeader)}
            {header('amount', t.shareHeader)}
            <th className={mergeClasses(c.cell, c.cellStart)} scope="col">
              {t.barHeader}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((x) => (
            <tr key={x.principal.code}>
              <th className={mergeClasses(c.cell, c.cellStart)} scope="row">
                {x.principal.name}
              </th>
              <td className={c.cell}>{money(x.amount, y, s.lang)}</td>
              <td className={c.barCell} aria-hidden="true">
                <div className={c.bar} style={{ width: max.isZero() ? '0' : `${x.amount.dividedBy(max).times(100).toDecimalPlaces(1).toNumber()}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    )}
    </details>
  );
}
