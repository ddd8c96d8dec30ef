import * as fs from 'fs';
import * as path from 'path';
import { analyse } from '../../src/engine/analyse';
import { hasErrors } from '../../src/engine/flags';
import { ExcelJsWorkbook } from '../../src/xlsx/exceljsWorkbook';
import { readWorkbook } from '../../src/workbook/pipeline';
import { analysisJson } from '../../src/workbook/results';

/**
 * Golden files: every sample workbook here (and the bundled example) next to
 * its expected flags and cost tables. A file named error.* must fail.
 * After a reviewed change: UPDATE_GOLDEN=1 npx jest test/golden
 */
const DIR = __dirname;
const samples = [
  ...fs.readdirSync(DIR).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(DIR, f)),
  path.join(DIR, '..', '..', 'examples', 'sgd-handlingsplan-2024.xlsx'),
];

describe('golden files', () => {
  it('there are samples', () => expect(samples.length).toBeGreaterThanOrEqual(5));

  it.each(samples.map((f) => [path.basename(f), f]))('%s', async (_name, file) => {
    const input = await readWorkbook(await ExcelJsWorkbook.fromBuffer(fs.readFileSync(file)));
    const a = analyse(input.plan, input.table, { rounding: 'kr' }, input.flags);
    const actual = analysisJson(a, 'sv');
    const expectedFile = path.join(DIR, path.basename(file).replace(/\.xlsx$/, '.expected.json'));
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(expectedFile, JSON.stringify(actual, null, 1) + '\n');
    expect(actual).toEqual(JSON.parse(fs.readFileSync(expectedFile, 'utf8')));
    if (path.basename(file).startsWith('error')) expect(hasErrors(a.flags)).toBe(true);
    // Whatever the file, the tables add up both ways.
    for (const y of actual.years) {
      for (const s of y.shares) expect(Object.values(s.byArea).reduce((t, v) => t + v, 0)).toBe(s.amount);
      for (const ar of y.areas) expect(y.shares.reduce((t, s) => t + s.byArea[ar.area], 0)).toBe(ar.amount);
      expect(y.shares.reduce((t, s) => t + s.amount, 0)).toBe(y.amount);
    }
  });
});
