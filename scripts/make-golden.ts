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
  // 5–8: the four collaborations of the seeds, in their own words (issue 12).
  // 5. Skåne, SGD (seed 001): the published wide layout with a Modell and a Status column.
  {
    const wb = workbook();
    const ws = wb.addWorksheet('Samlad budget');
    ws.addRow(['Skånegemensam digitalisering område hälsa, budget 2023–2024']);
    ws.addRow(['Insatsområde', 'Modell', 'Status', 'BUDGET 2023', null, 'BUDGET 2024', null]);
    ws.addRow([null, null, null, 'Annan*', 'SGD', 'Annan*', 'SGD']);
    ws.mergeCells('D2:E2');
    ws.mergeCells('F2:G2');
    const rows: unknown[][] = [
      ['Nationell patientöversikt', '', 'Pågår', null, 100_000, null, 100_000],
      ['Säker digital kommunikation', '', 'Pågår', null, 100_000, null, 100_000],
      ['Mina planer', '', 'Beslutad', null, 500_000, null, 500_000],
      ['Säkra videomöten', '', 'Säkra videomöten har utgått', null, 250_000, null, null],
      ['Avvikelsehantering', '', 'Prioriterad', 200_000, 400_000, null, 400_000],
      ['Digitala hjälpmedel', 'lika delar mellan kommunerna', 'Beslutad', null, null, null, 400_000],
      ['Diagnos och behandling', '', 'Prioriterats och ej genomförs', null, null, null, 250_000],
    ];
    rows.forEach((r) => ws.addRow(r));
    ws.addRow(['* med annan finansiering avses t.ex. statsbidrag eller externa projektmedel']);
    principals(wb, '12', '2022-12-31');
    await save(wb, 'skane-sgd-2023-2024.xlsx');
  }

  // 6. Västra Götaland, SITIV (seed 002): no bundled population; "1:1 lika", other programmes' money, outside co-financiers.
  {
    const wb = workbook();
    const ws = wb.addWorksheet('Handlingsplan');
    ws.addRow(['SITIV handlingsplan 2018']);
    ws.addRow(['Modell: 1:1 lika']);
    ws.addRow([]);
    ws.addRow(['Insatsområde', 'År', 'Finansiering', 'Belopp', 'Deltagare', 'Status']);
    const rows: unknown[][] = [
      ['NPÖ – fler producenter', 2018, 'Deltagande vårdgivare ska medfinansiera med 50%', 1_000_000, 'Privata vårdgivare', 'Beslutad'],
      ['Trygghetslarm och välfärdsteknik', 2018, 'Finansieras av Omställningsprogrammets "den nära vården"', 500_000, '', 'Beslutad'],
      ['Sensorer i hemmet, projektledare', 2018, 'finansieras av "den nära vården"', 1_000_000, '', 'Pågår'],
      ['Gemensam avvikelsehantering', 2018, 'SGD', 2_450_000, '', 'Prioriterad'],
      ['Bredband till hushållen', 2018, 'SGD', 300_000, '', 'Prioriterats och ej genomförs'],
    ];
    rows.forEach((r) => ws.addRow(r));
    const hs = wb.addWorksheet('Huvudmän');
    hs.addRow(['Kod', 'Namn', 'Typ']);
    hs.addRow(['14', regionName('14'), 'Region']);
    for (let c = 1400; c < 1500; c++) {
      const m = municipality(String(c));
      if (m) hs.addRow([m.code, m.name, 'Kommun']);
    }
    await save(wb, 'vgr-sitiv-2018.xlsx');
  }

  // 7. Örebro (seed 003): 2026–2030, two dated population columns, Ljusnarsberg takes part from 2028.
  {
    const wb = workbook();
    const ws = wb.addWorksheet('Handlingsplan');
    ws.addRow(['Gemensam handlingsplan e-hälsa, Örebro län 2026–2030']);
    ws.addRow(['Modell: 1:1']);
    ws.addRow(['Insatsområde', 'År', 'Finansiering', 'Belopp']);
    for (const y of [2026, 2027, 2028, 2029, 2030]) {
      ws.addRow(['Digital vård och omsorg', y, 'Gemensam finansiering', 800_000]);
      ws.addRow(['Informationsöverföring', y, 'Gemensam finansiering', 200_000]);
    }
    const d22 = populationDatasets('18').find((d) => d.date === '2022-12-31')!;
    const d23 = populationDatasets('18').find((d) => d.date === '2023-12-31')!;
    const hs = wb.addWorksheet('Huvudmän');
    hs.addRow(['Kod', 'Namn', 'Typ', 'Folkmängd 2022-12-31', 'Folkmängd 2023-12-31', 'Deltar från']);
    const sum = (rows: ReadonlyArray<readonly [string, number]>) => rows.reduce((t, [, p]) => t + p, 0);
    hs.addRow(['18', regionName('18'), 'Region', sum(d22.rows), sum(d23.rows), null]);
    for (const [code, pop] of [...d22.rows].sort((a, b) => a[0].localeCompare(b[0]))) {
      hs.addRow([code, municipality(code)!.name, 'Kommun', pop, d23.rows.find(([c]) => c === code)![1], code === '1864' ? 2028 : null]);
    }
    await save(wb, 'orebro-2026-2030.xlsx');
  }

  // 8. Halland, CeHis (seed 004): the financing words of the Falkenberg plan.
  {
    const wb = workbook();
    const ws = wb.addWorksheet('Verksamhetsplan');
    ws.addRow(['Insatsområde', 'År', 'Finansiering', 'Belopp']);
    const rows: unknown[][] = [
      ['Informationsstruktur', 2024, 'Gemensamt projekt kommuner och RH', 750_166],
      ['Utbildning informationsstruktur', 2024, 'Stimulansbidrag', 120_000],
      ['NPÖ via webblösning', 2024, 'Nationell gemensam finansiering', 150_000],
      ['Gemensam modell för systemförvaltning', 2024, 'Stimulansmedel', 80_000],
      ['Införande hos varje intressent', 2024, 'Införande hos varje intressent betalas av denne', 200_000],
      ['Personal i projekt', 2024, 'Egen finansiering (Falkenberg)', 45_000],
    ];
    rows.forEach((r) => ws.addRow(r));
    principals(wb, '13', '2023-12-31');
    await save(wb, 'halland-cehis-2024.xlsx');
  }
  return written;
}

if (require.main === module) {
  buildGolden().then((w) => console.log(`wrote ${w.length} workbooks in test/golden`));
}
