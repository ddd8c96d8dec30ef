/**
 * Builds the sample workbooks of test/golden/ (run: npm run build:golden).
 * Their expected flags and tables are in the .expected.json beside each;
 * `UPDATE_GOLDEN=1 npx jest test/golden` rewrites those after a reviewed change.
 */
import ExcelJS from 'exceljs';
import * as path from 'path';
import { municipality, populationDatasets, regionName } from '../src/engine/reference';
import { projectRoot } from './paths';

const DIR = path.join(projectRoot(), 'test', 'golden');

function workbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SGD golden';
  wb.created = new Date('2025-01-01T00:00:00Z');
  wb.modified = new Date('2025-01-01T00:00:00Z');
  return wb;
}

function principals(wb: ExcelJS.Workbook, county: string, date: string, extra: Array<[string, (code: string, i: number) => unknown]> = []) {
  const ds = populationDatasets(county).find((d) => d.date === date)!;
  const ws = wb.addWorksheet('Huvudmän');
  ws.addRow(['Kod', 'Namn', 'Typ', 'Folkmängd', 'Datum', ...extra.map(([h]) => h)]);
  const total = ds.rows.reduce((s, [, p]) => s + p, 0);
  ws.addRow([county, regionName(county), 'Region', total, date, ...extra.map(([, f]) => f(county, 0))]);
  [...ds.rows].sort((a, b) => a[0].localeCompare(b[0])).forEach(([code, pop], i) => ws.addRow([code, municipality(code)!.name, 'Kommun', pop, date, ...extra.map(([, f]) => f(code, i + 1))]));
  return ws;
}

export async function buildGolden(): Promise<string[]> {
  const written: string[] = [];
  const save = async (wb: ExcelJS.Workbook, name: string) => {
    await wb.xlsx.writeFile(path.join(DIR, name));
    written.push(name);
  };

  // 1. A five-year plan in the template layout, every model used once.
  {
    const wb = workbook();
    const ws = wb.addWorksheet('Handlingsplan');
    ws.addRow(['Handlingsplan 2026–2030, Skånegemensam digitalisering']);
    ws.addRow(['Modell: 1:1']);
    ws.addRow([]);
    ws.addRow(['Insatsområde', 'År', 'Finansiering', 'Modell', 'Belopp', 'Utfall', 'Medfinansiering %', 'Deltagare', 'Betalare']);
    const rows: unknown[][] = [
      ['Mina planer', 2026, 'SGD', '', 500_000, 540_000],
      ['Mina planer', 2027, 'SGD', '', 520_000],
      ['Mina planer', 2028, 'SGD', '', 540_000],
      ['Mina planer', 2029, 'SGD', '', 560_000],
      ['Mina planer', 2030, 'SGD', '', 580_000],
      ['Nationell patientöversikt', 2026, 'SGD', '', '100 000 kr'],
      ['Digitala hjälpmedel', 2027, 'SGD', 'per invånare', 300_000],
      ['Kompetensstöd kommuner', 2027, 'SGD', 'lika delar mellan kommunerna', 330_000],
      ['Statsbidrag informationsöverföring', 2026, 'Statsbidrag', '', 400_000, null, null, null, 'Socialstyrelsen'],
      ['Införande hos varje huvudman', 2028, 'Egen finansiering', '', 1_000_000],
      ['Gemensam upphandling sårvård', 2029, 'Medfinansiering', '', 600_000, null, 50, '1280; Lund; 1283'],
      ['Summa', 2027, '', '', 1_000_000],
    ];
    rows.forEach((r) => ws.addRow(r));
    principals(wb, '12', '2022-12-31');
    await save(wb, 'mall-2026-2030.xlsx');
  }

  // 2. A clean wide plan, Region Örebro län 60/40, one column per year, no sub-columns.
  {
    const wb = workbook();
    const ws = wb.addWorksheet('Budget');
    ws.addRow(['Gemensam e-hälsa, Region Örebro län och kommunerna']);
    ws.addRow(['Kostnadsfördelningsmodell: 60/40']);
    ws.addRow(['Insatsområde', 'BUDGET 2023', 'BUDGET 2024']);
    ws.addRow(['Invånartjänster', 250_000, 300_000]);
    ws.addRow(['Informationsöverföring', 400_000, 450_000]);
    ws.addRow(['Välfärdsteknik', 150_000, '175 000']);
    ws.addRow(['SUMMA', 800_000, 925_000]);
    principals(wb, '18', '2022-12-31');
    await save(wb, 'orebro-60-40.xlsx');
  }

  // 3. Halland: fixed percentages and equal shares, with the user's own (rounded) shares.
  {
    const wb = workbook();
    const ws = wb.addWorksheet('Plan');
    ws.addRow(['Insatsområde', 'År', 'Modell', 'Belopp']);
    ws.addRow(['Gemensam förvaltning', 2024, 'procent', 700_001]);
    ws.addRow(['Samordnare', 2024, 'lika delar', 350_000]);
    const pct = [40, 5, 17, 7, 8, 11, 12];
    const own = [280_000, 52_500, 169_000, 99_000, 106_000, 127_000, 115_000];
    principals(wb, '13', '2023-12-31', [
      ['Andel %', (_c, i) => pct[i]],
      ['Andel 2024', (_c, i) => own[i]],
    ]);
    await save(wb, 'halland-procent-2024.xlsx');
  }

  // 4. error.*: a principal listed twice must fail.
  {
    const wb = workbook();
    const ws = wb.addWorksheet('Plan');
    ws.addRow(['Insatsområde', 'År', 'Belopp']);
    ws.addRow(['Mina planer', 2025, 200_000]);
    const hs = principals(wb, '13', '2021-12-31');
    hs.addRow(['1380', 'Halmstad', 'Kommun', 104573, '2021-12-31']);
    await save(wb, 'error-dubbel-huvudman.xlsx');
  }
  return written;
}

if (require.main === module) {
  buildGolden().then((w) => console.log(`wrote ${w.length} workbooks in test/golden`));
}
