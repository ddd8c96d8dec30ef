import { SgdError } from '../engine/errors';
import type { Lang } from '../engine/messages';
import { municipality, populationDatasets, regionName, PopulationDataset } from '../engine/reference';
import { FORMATS, SheetSpec } from './port';

/**
 * "Skapa planmall": a clean plan in the template layout and a principals
 * table for a county from the bundled SCB data, with the population date.
 */
export function templateSheets(datasetId: string, firstYear: number, lang: Lang = 'sv', suffix = ''): SheetSpec[] {
  const ds = populationDatasets().find((d) => d.id === datasetId);
  if (!ds) throw new SgdError('DATASET', `unknown population dataset ${datasetId}`);
  const sv = lang === 'sv';
  const plan: SheetSpec = {
    name: sv ? 'Handlingsplan' : 'Action plan',
    cells: [
      [0, 0, sv ? `Handlingsplan ${firstYear}–${firstYear + 4}` : `Action plan ${firstYear}–${firstYear + 4}`],
      [1, 0, sv ? 'Modell: 1:1' : 'Model: 1:1'],
      [
        2,
        0,
        sv
          ? 'En rad per insatsområde och år. Finansiering: SGD/gemensam, statsbidrag, stimulansmedel, projektmedel, EU-medel, "finansieras av <betalare>", egen finansiering eller medfinansiering 50 %. Status: beslutad, pågår, prioriterad, avslutad, ej genomförs, utgått. Okända ord fördelas inte.'
          : 'One line per focus area and year. Financing: joint/SGD, state grant, project funds, EU funds, "funded by <payer>", own cost or co-financing 50 %. Status: decided, ongoing, prioritised, completed, not carried out, cancelled. Unknown words are not split.',
      ],
    ],
    tables: [
      {
        name: `SGD_Plan${suffix}`,
        row: 4,
        col: 0,
        headers: sv
          ? ['Insatsområde', 'År', 'Finansiering', 'Modell', 'Belopp', 'Utfall', 'Prognos', 'Medfinansiering %', 'Deltagare', 'Betalare', 'Status']
          : ['Focus area', 'Year', 'Financing', 'Model', 'Amount', 'Outcome', 'Forecast', 'Co-financing %', 'Participants', 'Payer', 'Status'],
        rows: [[sv ? 'Exempel: Mina planer' : 'Example: My plans', firstYear, 'SGD', '', 0, null, null, null, null, null, sv ? 'Beslutad' : 'Decided']],
        formats: { 4: FORMATS.kr, 5: FORMATS.kr, 6: FORMATS.kr },
      },
    ],
    columnWidths: [34, 8, 16, 18, 14, 14, 14, 16, 22, 20, 16],
    bold: [[0, 0]],
  };
  return [plan, principalsSheet(ds, lang, suffix)];
}

export function principalsSheet(ds: PopulationDataset, lang: Lang = 'sv', suffix = ''): SheetSpec {
  const sv = lang === 'sv';
  const total = ds.rows.reduce((s, [, p]) => s + p, 0);
  const rows = [
    [ds.county, regionName(ds.county) ?? ds.county, 'Region', total, ds.date, `${ds.source} (${sv ? 'länets folkmängd' : 'county population'})`, null, null],
    ...[...ds.rows].sort((a, b) => a[0].localeCompare(b[0])).map(([code, pop]) => [code, municipality(code)?.name ?? code, sv ? 'Kommun' : 'Municipality', pop, ds.date, ds.source, null, null]),
  ];
  return {
    name: sv ? 'Huvudmän' : 'Principals',
    cells: [[0, 0, sv ? `Huvudmän och folkmängd per ${ds.date} (SCB)` : `Principals and population on ${ds.date} (SCB)`]],
    tables: [
      {
        name: `SGD_Huvudman${suffix}`,
        row: 2,
        col: 0,
        headers: sv ? ['Kod', 'Namn', 'Typ', 'Folkmängd', 'Datum', 'Källa', 'Deltar från', 'Deltar till'] : ['Code', 'Name', 'Kind', 'Population', 'Date', 'Source', 'Member from', 'Member until'],
        rows,
        formats: { 3: FORMATS.integer },
      },
    ],
    columnWidths: [8, 24, 12, 12, 12, 60, 12, 12],
    bold: [[0, 0]],
  };
}
