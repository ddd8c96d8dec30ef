import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { principalsSheet, SheetDef, xlsx } from '../xlsx';

/**
 * A corpus of hostile workbooks, built in code: what an attacker or an
 * unlucky user hands the tool. Each case says what must hold besides the
 * rules every case obeys (see hostile.test.ts).
 */
export interface HostileCase {
  readonly name: string;
  readonly build: () => Promise<Buffer>;
  /** Sheets of the input that must survive allocate unchanged in name. */
  readonly keep?: readonly string[];
  /** Flag codes validate must raise. */
  readonly flags?: readonly string[];
  /** Expect exit code 2 (unusable input) from every command. */
  readonly unusable?: boolean;
  /** A resource case: also run in a child process with a memory cap. */
  readonly heavy?: boolean;
}

const skane = principalsSheet('12', '2022-12-31');
const halland = principalsSheet('13', '2023-12-31');
const planRows = (rows: unknown[][], header = ['Insatsområde', 'År', 'Finansiering', 'Modell', 'Belopp']): unknown[][] => [header, ...rows];
const plan = (rows: unknown[][], name = 'Plan'): SheetDef => ({ name, rows: planRows(rows) });

/** Payloads for names: formula starts, structured-reference breakers, control characters, very long text. */
export const PAYLOADS: readonly string[] = [
  'A])+HYPERLINK("http://example.invalid","klick")+SUM(T[Summa',
  '=1+1',
  '+777000',
  '-2+3',
  '@SUM(1)',
  '=WEBSERVICE("http://example.invalid")',
  'Drift [fas 2]',
  "Barn's hälsa",
  '@Område',
  '#1',
  '[@Ekonom]',
  "'",
  ']',
  'Summa',
  'Restenhet',
  '\u001b[31mRÖD\u001b[0m',
  '_x001B_[2J',
  'a\u202Eevil',
  'x'.repeat(300),
  '=cmd|\' /C calc\'!A0',
];

/** Patches parts of an .xlsx made by exceljs. */
async function patch(bytes: Buffer, edit: (zip: JSZip) => Promise<void> | void): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  await edit(zip);
  return Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}

async function withSheetXml(sheets: SheetDef[], sheetIndex: number, edit: (xml: string) => string): Promise<Buffer> {
  return patch(await xlsx(sheets), async (zip) => {
    const part = `xl/worksheets/sheet${sheetIndex + 1}.xml`;
    zip.file(part, edit(await zip.file(part)!.async('string')));
  });
}

async function book(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addRows(ws: ExcelJS.Worksheet, rows: unknown[][]): void {
  rows.forEach((row, r) => row.forEach((v, c) => v !== null && v !== undefined && (ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue)));
}

const ok = (area = 'Mina planer', amount: unknown = 100_000): unknown[] => [area, 2025, 'SGD', '', amount];

function ownershipCases(): HostileCase[] {
  const crafted = (target: string) => async () =>
    book((wb) => {
      addRows(wb.addWorksheet('Plan'), planRows([ok()]));
      addRows(wb.addWorksheet('Huvudmän'), skane.rows);
      wb.definedNames.add(target, 'SGD_OWNED');
    });
  return [
    { name: 'SGD_OWNED points at the plan', build: crafted("'Plan'!$A$1"), keep: ['Plan', 'Huvudmän'] },
    { name: 'SGD_OWNED points at the principals', build: crafted("'Huvudmän'!$A$1"), keep: ['Plan', 'Huvudmän'] },
    { name: 'SGD_OWNED points at a result-like user sheet', build: async () => book((wb) => {
      addRows(wb.addWorksheet('Plan'), planRows([ok()]));
      addRows(wb.addWorksheet('Huvudmän'), skane.rows);
      addRows(wb.addWorksheet('SGD Kontroller'), [['mina anteckningar']]);
      wb.definedNames.add("'SGD Kontroller'!$A$1", 'SGD_OWNED');
    }), keep: ['Plan', 'Huvudmän', 'SGD Kontroller'] },
    {
      name: 'a user sheet carrying a forged mark with a wrong check',
      build: async () => book((wb) => {
        addRows(wb.addWorksheet('Plan'), planRows([ok()]));
        addRows(wb.addWorksheet('Huvudmän'), skane.rows);
        addRows(wb.addWorksheet('Anteckningar'), [['viktigt'], [], ['Skapat av tillägget SGD kostnadsfördelning som bladet «Anteckningar» (kontroll 0123456789abcdef). Ändrar du bladet eller dess namn blir det ditt och lämnas orört; nya resultat skrivs bredvid.']]);
      }),
      keep: ['Plan', 'Huvudmän', 'Anteckningar'],
    },
    {
      name: 'a user table and a defined name with the names of the result tables',
      build: async () => book((wb) => {
        addRows(wb.addWorksheet('Plan'), planRows([ok()]));
        addRows(wb.addWorksheet('Huvudmän'), skane.rows);
        const ws = wb.addWorksheet('Egen');
        ws.addTable({ name: 'SGD_Fordelning_2025', ref: 'A1', columns: [{ name: 'a' }], rows: [[1]] });
        wb.definedNames.add("'Egen'!$B$2", 'SGD_Kontroller');
      }),
      keep: ['Plan', 'Huvudmän', 'Egen'],
    },
  ];
}

function injectionCases(): HostileCase[] {
  return PAYLOADS.flatMap((payload, i) => [
    { name: `payload ${i} as a focus area (long layout)`, build: () => xlsx([plan([ok(payload, 1000), ok('Annat', 2000)]), skane]), keep: ['Plan', 'Huvudmän'] },
    { name: `payload ${i} as a focus area (wide layout)`, build: () => xlsx([{ name: 'Budget', rows: [['Insatsområde', 'BUDGET 2025'], [payload, 1000], ['Annat', 2000]] }, skane]), keep: ['Budget', 'Huvudmän'] },
    {
      name: `payload ${i} as a principal's name`,
      build: () => xlsx([plan([ok()]), { ...skane, rows: skane.rows.map((r, k) => (k === 3 ? [r[0], payload, r[2], r[3], r[4]] : r)) }]),
      keep: ['Plan', 'Huvudmän'],
    },
  ]);
}

/** Sheet names and other columns an attacker controls: the plan may be called anything Excel allows. */
function nameCases(): HostileCase[] {
  const sheetNames = ['=1+1', '+Plan', '@Plan', "Plan'x", 'SGD Fördelning 2025', 'SGD Revision'];
  return [
    ...sheetNames.map((name) => ({ name: `a plan sheet named ${JSON.stringify(name)}`, build: () => xlsx([plan([ok()], name), skane]), keep: [name, 'Huvudmän'] })),
    { name: 'a principals sheet named "SGD Kontroller"', build: () => xlsx([plan([ok()]), { ...skane, name: 'SGD Kontroller' }]), keep: ['Plan', 'SGD Kontroller'] },
    {
      name: "a principal's name of 150 four-byte characters (a file name over 255 bytes)",
      build: () => xlsx([plan([ok()]), { ...skane, rows: skane.rows.map((r, k) => (k === 3 ? [r[0], '😀'.repeat(150), r[2], r[3], r[4]] : r)) }]),
    },
    { name: 'a formula in the model column', build: () => xlsx([plan([['X', 2025, 'SGD', '=1+1', 1000]]), skane]), flags: ['UNKNOWN_MODEL'] },
    { name: 'a formula-like financing word', build: () => xlsx([plan([['X', 2025, '=SGD', '', 1000]]), skane]) },
    { name: 'a formula-like year', build: () => xlsx([plan([['X', '=2025+1', 'SGD', '', 1000]]), skane]) },
  ];
}

function hiddenCases(): HostileCase[] {
  return [
    {
      name: 'a very hidden plan before the visible one',
      build: async () => book((wb) => {
        const hidden = wb.addWorksheet('Gammal', { state: 'veryHidden' });
        addRows(hidden, planRows([ok('Dold', 9_999_999)]));
        addRows(wb.addWorksheet('Plan'), planRows([ok('Synlig', 600_000)]));
        addRows(wb.addWorksheet('Huvudmän'), skane.rows);
      }),
      flags: ['HIDDEN_SHEET_SKIPPED'],
      keep: ['Gammal', 'Plan', 'Huvudmän'],
    },
    {
      name: 'a hidden sheet as the only plan',
      build: async () => book((wb) => {
        addRows(wb.addWorksheet('Plan', { state: 'hidden' }), planRows([ok()]));
        addRows(wb.addWorksheet('Huvudmän'), skane.rows);
      }),
      flags: ['NO_PLAN', 'HIDDEN_SHEET_SKIPPED'],
    },
    {
      name: 'hidden rows with amounts',
      build: async () => book((wb) => {
        const ws = wb.addWorksheet('Plan');
        addRows(ws, planRows([ok('A', 100), ok('B', 200), ok('C', 300)]));
        ws.getRow(3).hidden = true;
        addRows(wb.addWorksheet('Huvudmän'), skane.rows);
      }),
      flags: ['HIDDEN_ROWS'],
    },
  ];
}

function ratioCases(): HostileCase[] {
  return ['2/3:1/3', '1e3:1', '-1:2', '0:1', '1:0', '1:1:1'].map((ratio) => ({
    name: `the model "${ratio}"`,
    build: () => xlsx([plan([['X', 2025, 'SGD', ratio, 1000]]), skane]),
    flags: ['UNKNOWN_MODEL'],
  }));
}

/** A worksheet part of `rows` × 10 numbers: a ledger beside the plan. */
function ledgerXml(rows: number): string {
  const out: string[] = [];
  for (let r = 1; r <= rows; r++) {
    let cells = '';
    for (let c = 0; c < 10; c++) cells += `<c r="${String.fromCharCode(65 + c)}${r}"><v>${r}</v></c>`;
    out.push(`<row r="${r}">${cells}</row>`);
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${out.join('')}</sheetData></worksheet>`;
}

function resourceCases(): HostileCase[] {
  const merges = (n: number) => async () =>
    withSheetXml([plan([ok()]), skane], 0, (xml) => {
      const cells = Array.from({ length: n }, (_, k) => {
        const top = 100 + k * 501;
        return `<mergeCell ref="A${top}:SF${top + 499}"/>`;
      }).join('');
      return xml.replace('</sheetData>', `</sheetData><mergeCells count="${n}">${cells}</mergeCells>`);
    });
  return [
    { name: '60 merged areas of 500 × 500', build: merges(60), unusable: true, heavy: true },
    { name: '70 merged areas of 500 × 500', build: merges(70), unusable: true, heavy: true },
    {
      name: 'a few ordinary merged areas',
      build: async () => withSheetXml([plan([ok()]), skane], 0, (xml) => xml.replace('</sheetData>', '</sheetData><mergeCells count="2"><mergeCell ref="G1:K1"/><mergeCell ref="G3:H9"/></mergeCells>')),
    },
    { name: '12 000 merged areas', build: merges(12_000), unusable: true, heavy: true },
    {
      name: 'a whitespace zip bomb',
      build: async () => withSheetXml([plan([ok()]), skane], 0, (xml) => xml.replace('<sheetData>', `<sheetData>${' '.repeat(150 * 1024 * 1024)}`)),
      unusable: true,
      heavy: true,
    },
    {
      name: 'a sheet of 2 million cells',
      build: async () =>
        withSheetXml([plan([ok()]), skane, { name: 'Stor', rows: [['x']] }], 2, () => ledgerXml(200_000)),
      unusable: true,
      heavy: true,
    },
    {
      name: 'a ledger sheet just under the size limit beside the plan',
      build: async () =>
        withSheetXml([plan([ok()]), skane, { name: 'Huvudbok', rows: [['x']] }], 2, () => ledgerXml(40_000)),
      keep: ['Plan', 'Huvudmän', 'Huvudbok'],
      heavy: true,
    },
    {
      name: '1 500 focus areas in one year',
      build: () => xlsx([plan(Array.from({ length: 1500 }, (_, k) => ok(`Område ${k}`, 1000))), skane]),
      flags: ['LIMIT_EXCEEDED'],
      heavy: true,
    },
    {
      name: '12 000 plan lines',
      build: () => xlsx([plan(Array.from({ length: 12_000 }, (_, k) => [`Område ${k % 500}`, 2020 + (k % 20), 'SGD', '', 1000]))]),
      flags: ['LIMIT_EXCEEDED'],
      heavy: true,
    },
  ];
}

function exactnessCases(): HostileCase[] {
  return [
    {
      name: 'a key weight with 41 significant digits',
      build: () =>
        xlsx([
          plan([['X', 2025, 'SGD', 'nyckel: Vikt', 1000]]),
          { ...halland, rows: halland.rows.map((r, k) => [...r, k === 0 ? 'Vikt' : k === 2 ? '1.0000000000000000000000000000000000000001' : '1']) },
        ]),
      flags: ['BAD_AMOUNT'],
    },
    {
      name: 'a year total of 2^53 öre and more',
      build: () => xlsx([plan(Array.from({ length: 120 }, (_, k) => ok(`Område ${k}`, 900_000_000_000))), skane]),
      flags: ['LIMIT_EXCEEDED'],
    },
    { name: 'the ambiguous "1,150"', build: () => xlsx([plan([ok('X', '1,150')]), skane]), flags: ['BAD_AMOUNT'] },
    { name: 'the ambiguous "1.150"', build: () => xlsx([plan([ok('X', '1.150')]), skane]), flags: ['BAD_AMOUNT'] },
  ];
}

function fileCases(): HostileCase[] {
  return [
    { name: 'an encrypted workbook (an OLE compound file)', build: async () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4000)]), unusable: true },
    { name: 'a zip with a damaged directory', build: async () => (await xlsx([plan([ok()]), skane])).subarray(0, 4000), unusable: true },
    { name: 'a zip of 6 000 parts', build: async () => patch(await xlsx([plan([ok()]), skane]), (zip) => {
      for (let k = 0; k < 6000; k++) zip.file(`x/${k}.txt`, '');
    }), unusable: true },
    { name: 'an empty file', build: async () => Buffer.alloc(0), unusable: true },
    { name: 'random bytes', build: async () => Buffer.from(Array.from({ length: 5000 }, (_, k) => (k * 7919) % 256)), unusable: true },
    { name: 'a sheet XML that is not XML', build: async () => patch(await xlsx([plan([ok()]), skane]), (zip) => void zip.file('xl/worksheets/sheet1.xml', '<<<not xml')), unusable: true },
  ];
}

/** Plans using the 1904 date system, as LibreOffice writes it (date1904="true"). */
function fidelityCases(): HostileCase[] {
  return [
    {
      name: 'a 1904 date-system workbook',
      build: async () =>
        patch(await xlsx([plan([ok()]), { ...skane, rows: skane.rows.map((r, k) => (k === 0 ? r : [r[0], r[1], r[2], r[3], new Date(Date.UTC(2018, 11, 31))])) }]), async (zip) => {
          const xml = await zip.file('xl/workbook.xml')!.async('string');
          zip.file('xl/workbook.xml', xml.replace(/<workbookPr([^>]*)\/>/, '<workbookPr$1 date1904="true"/>'));
        }),
    },
  ];
}

export function hostileCorpus(): HostileCase[] {
  return [...ownershipCases(), ...injectionCases(), ...nameCases(), ...hiddenCases(), ...ratioCases(), ...resourceCases(), ...exactnessCases(), ...fileCases(), ...fidelityCases()];
}
