/**
 * Builds the bundled example plan, examples/sgd-handlingsplan-2024.xlsx:
 *
 * - "Samlad budget": the SGD 2024 budget table transcribed from seed
 *   001_ebc60365157005e2.txt as published, errors included (SUMMA 2 100 000,
 *   82,09 and 74,24 öre/inv, both rate columns labelled 2023). The one change:
 *   "Mina planer" 2023 is 1 100 000 in one cell (the PDF extraction split it
 *   over two lines).
 * - "Huvudmän": Region Skåne and the 33 municipalities with SCB population
 *   2022-12-31 from data/reference/population-skane-2022-12-31.csv.
 *
 * Run: npm run build:example
 */
import ExcelJS from 'exceljs';
import * as path from 'path';
import { populationDatasets, municipality, regionName } from '../src/engine/reference';
import { projectRoot } from './paths';

export const EXAMPLE_PATH = path.join(projectRoot(), 'examples', 'sgd-handlingsplan-2024.xlsx');

export function buildExample(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SGD kostnadsfördelning (exempel)';
  wb.created = new Date('2023-02-13T00:00:00Z');
  wb.modified = new Date('2023-02-13T00:00:00Z');

  const ws = wb.addWorksheet('Samlad budget');
  ws.getCell('A1').value = 'Samlad budget för verksamhetsåret 2024';
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A3').value = 'INSATSOMRÅDE';
  ws.mergeCells('A3:A4');
  ws.getCell('B3').value = 'BUDGET 2024';
  ws.mergeCells('B3:C3');
  ws.getCell('D3').value = 'BUDGET 2023';
  ws.mergeCells('D3:E3');
  ws.getRow(4).values = [null, 'Annan*', 'SGD', 'Annan*', 'SGD'] as ExcelJS.CellValue[];
  const rows: Array<[string | null, string | null, number | null, string | null, number | null]> = [
    ['Nationell patientöversikt', '**', 100_000, '***', 50_000],
    ['Säker digital kommunikation', '**', 100_000, '***', 50_000],
    ['Mina planer', '**', 500_000, '***', 1_100_000],
    ['Beslutsstöd', '**', 0, '***', 700_000],
    ['Avvikelsehantering', '**', 400_000, '***', 400_000],
    ['Digitala hjälpmedel', null, 400_000, null, null],
    ['Diagnos och behandling', '**', 250_000, '***', 0],
    [null, null, null, '***', null],
    ['DELSUMMA per finansieringsform', null, 1_750_000, null, 2_300_000],
    ['SUMMA per verksamhetsår', null, 2_100_000, null, 2_300_000],
  ];
  rows.forEach((r, i) => (ws.getRow(5 + i).values = r as ExcelJS.CellValue[]));
  for (let r = 5; r <= 14; r++) for (const c of ['C', 'E']) ws.getCell(`${c}${r}`).numFmt = '#,##0';
  for (const c of ['A3', 'B3', 'D3', 'B4', 'C4', 'D4', 'E4', 'A13', 'A14']) ws.getCell(c).font = { bold: true };
  ws.getCell('A16').value =
    '* med annan finansiering avses alla finansieringsformer som inte hanteras inom ramen för den kostnadsfördelningsmodell som beskrivs i Strategi för Skånegemensam digitalisering område hälsa. Det kan röra sig om exempelvis statsbidrag eller externa projektmedel.';
  ws.getCell('A17').value =
    '** Under 2023 kommer det att genomföras en rad aktiviteter på flera av insatsområdena. Dock kommer kostnaden för dessa att i första hand utgöras av den tid som respektive organisation bidrar med samt ianspråkstagande av statsbidrag, i andra hand står respektive organisation för sina tillkommande kostnader.';
  ws.getCell('A18').value =
    '*** Då annan finansiering till stor del utgörs av statsbidrag, är det för tidigt att avgöra om det finns sådana medel för 2024.';
  ws.getCell('A20').value = 'Fördelning av kostnad för SGD-budget enligt modell****';
  ws.getCell('A20').font = { bold: true };
  ws.getCell('A21').value = 'Skånes invånartal per 2022-12-31 (SCB)';
  ws.getCell('B21').value = '1 414 324 inv';
  ws.getCell('B22').value = 'Verksamhetsåret 2023';
  ws.getCell('C22').value = 'Verksamhetsåret 2023';
  ws.getCell('A23').value = 'Kostnad per invånare och organisation';
  ws.getCell('B23').value = '82,09 öre/inv';
  ws.getCell('C23').value = '74,24 öre/inv';
  ws.getCell('A25').value =
    '**** modellen som beskrivs i Strategi för Skånegemensam digitalisering område hälsa föreskriver att kostnaden, om inget annat beslutas, fördelas lika mellan, å ena sidan Region Skåne, och å andra sidan de 33 kommunerna gemensamt.';
  ws.getColumn(1).width = 34;
  for (const c of [2, 3, 4, 5]) ws.getColumn(c).width = 20;

  const ds = populationDatasets('12').find((d) => d.date === '2022-12-31')!;
  const hs = wb.addWorksheet('Huvudmän');
  hs.getRow(1).values = ['Kod', 'Namn', 'Typ', 'Folkmängd', 'Datum', 'Källa'];
  hs.getRow(1).font = { bold: true };
  const total = ds.rows.reduce((s, [, p]) => s + p, 0);
  hs.getRow(2).values = ['12', regionName('12')!, 'Region', total, ds.date, `${ds.source} (länets folkmängd)`];
  const sorted = [...ds.rows].sort((a, b) => a[0].localeCompare(b[0]));
  sorted.forEach(([code, pop], i) => {
    hs.getRow(3 + i).values = [code, municipality(code)!.name, 'Kommun', pop, ds.date, ds.source];
  });
  for (let r = 2; r <= 2 + sorted.length; r++) hs.getCell(`D${r}`).numFmt = '#,##0';
  hs.columns.forEach((c, i) => (c.width = [8, 22, 10, 12, 12, 60][i]));
  return wb;
}

if (require.main === module) {
  buildExample()
    .xlsx.writeFile(EXAMPLE_PATH)
    .then(() => console.log(`wrote ${path.relative(process.cwd(), EXAMPLE_PATH)}`));
}
