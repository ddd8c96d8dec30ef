import { populationDatasets } from '../../src/engine/reference';
import type { PopulationFigures } from '../../src/engine/population';
import { CellNotEmptyError, SheetGrid } from '../../src/workbook/port';
import { planPopulationColumn, PopulationColumnError, writePopulationColumn } from '../../src/workbook/populationColumn';
import { readWorkbook } from '../../src/workbook/pipeline';
import { ExcelJsWorkbook } from '../../src/xlsx/exceljsWorkbook';
import { fillSheetXml } from '../../src/xlsx/fill';
import { principalsSheet, xlsx } from '../xlsx';

/**
 * The dated population column the user asks for (issue 14): where it goes,
 * what it refuses, and the XML edit of the user's sheet part that writes it
 * (ECMA-376 Part 1, 18.3.1.73 row and 18.3.1.4 c: rows ascending by r, cells
 * ascending by column; a cell's content is v, f or is).
 */

/** SCB's Halland figures of a date from data/reference (sources in SOURCES.md), as the pane and CLI hand them on. */
function figures(county: string, date: string): PopulationFigures {
  const ds = populationDatasets(county).find((d) => d.date === date)!;
  const sum = ds.rows.reduce((s, [, p]) => s + p, 0);
  return { date, source: `SCB, folkmängd ${date}, tabell TAB638`, byCode: new Map([[county, sum], ...ds.rows]) };
}

const grid = (name: string, values: unknown[][], merges: string[] = []): SheetGrid => ({ name, values: values as SheetGrid['values'], merges, marked: false });

describe('planPopulationColumn', () => {
  const halland = principalsSheet('13', '2021-12-31');

  it('the first column right of the table empty in every row; a note beside the table pushes it further; the source two empty rows below', () => {
    const rows = halland.rows.map((r, i) => (i === 3 ? [...r, 'anteckning'] : r));
    const plan = planPopulationColumn([grid('Huvudmän', rows)], figures('13', '2023-12-31'), 'sv');
    expect([plan.sheet, plan.column, plan.header, plan.filled, plan.unmatched]).toEqual(['Huvudmän', 'G', 'Folkmängd 2023-12-31 (SCB)', 7, []]);
    expect(plan.cells[0]).toMatchObject({ row: 0, col: 6, value: 'Folkmängd 2023-12-31 (SCB)', styleFrom: [0, 3] });
    expect(plan.cells.find((c) => c.row === 1)!.value).toBe(343_746);
    expect(plan.cells[plan.cells.length - 1]).toMatchObject({ row: 7 + 3, col: 6, value: 'Källa för Folkmängd 2023-12-31 (SCB): SCB, folkmängd 2023-12-31, tabell TAB638' });
  });

  it('a merged area across the next column is stepped over, never written into', () => {
    const plan = planPopulationColumn([grid('Huvudmän', [...halland.rows, [], [], ['Not', null, null, null, null, 'x']], ['A11:F11'])], figures('13', '2023-12-31'), 'en');
    expect([plan.column, plan.header]).toEqual(['G', 'Population 2023-12-31 (SCB)']);
  });

  it('a principal the figures do not cover is left empty and named; none covered is refused', () => {
    const rows = [...halland.rows, ['0180', 'Stockholm', 'Kommun', 984_748, '2021-12-31']];
    const plan = planPopulationColumn([grid('Huvudmän', rows)], figures('13', '2023-12-31'), 'sv');
    expect([plan.filled, plan.unmatched]).toEqual([7, ['Stockholm']]);
    expect(() => planPopulationColumn([grid('Huvudmän', rows)], figures('18', '2023-12-31'), 'sv')).toThrow(PopulationColumnError);
  });

  it('refuses a date the table has (in a header or a Datum cell), and a workbook without a principals table', () => {
    const err = (g: SheetGrid[], f: PopulationFigures) => {
      try {
        planPopulationColumn(g, f, 'sv');
      } catch (e) {
        return (e as PopulationColumnError).text('sv');
      }
      return 'no error';
    };
    expect(err([grid('Huvudmän', halland.rows)], figures('13', '2021-12-31'))).toMatch(/^Huvudmannatabellen har redan folkmängd per 2021-12-31 \(Region Halland\)/);
    const dated = [['Kod', 'Namn', 'Folkmängd 2022-12-31'], ['13', 'Region Halland', 339_000]];
    expect(err([grid('H', dated)], figures('13', '2022-12-31'))).toMatch(/per 2022-12-31 \(H!C1\)/);
    expect(err([grid('Plan', [['Insatsområde', 'Belopp'], ['X', 1]])], figures('13', '2022-12-31'))).toMatch(/^Hittade ingen huvudmannatabell/);
  });
});

describe('writing the column into a file, and reading the plan again', () => {
  it('both columns are read with their dates; each year takes the latest figure dated before it; no POPULATION_DATE', async () => {
    const port = await ExcelJsWorkbook.fromBuffer(await xlsx([principalsSheet('13', '2021-12-31')]));
    const written = await writePopulationColumn(port, figures('13', '2023-12-31'), 'sv');
    expect(written.column).toBe('F');
    const again = await ExcelJsWorkbook.fromBuffer(await port.toBuffer());
    const input = await readWorkbook(again);
    expect(input.flags.filter((f) => f.code === 'POPULATION_DATE')).toEqual([]);
    const halmstad = input.table!.principals.find((p) => p.code === '1380')!;
    expect(halmstad.populations!.map((x) => [x.date, x.value?.toNumber(), x.source])).toEqual([
      ['2021-12-31', populationDatasets('13').find((d) => d.date === '2021-12-31')!.rows.find(([c]) => c === '1380')![1], null],
      ['2023-12-31', 105_796, 'SCB, folkmängd 2023-12-31'],
    ]);
    // A second fetch of the same date is refused; another date goes in the next column.
    await expect(writePopulationColumn(again, figures('13', '2023-12-31'), 'sv')).rejects.toMatchObject({ problem: 'exists' });
    expect((await writePopulationColumn(again, figures('13', '2022-12-31'), 'sv')).column).toBe('G');
  });

  it('a cell that is no longer empty when written: nothing is written (all or nothing)', async () => {
    const port = await ExcelJsWorkbook.fromBuffer(await xlsx([principalsSheet('13', '2021-12-31')]));
    const plan = planPopulationColumn(await port.readSheets(), figures('13', '2023-12-31'), 'sv');
    port.workbook.getWorksheet('Huvudmän')!.getCell('F5').value = 'skrivet under tiden';
    await expect(port.fillEmpty('Huvudmän', plan.cells)).rejects.toBeInstanceOf(CellNotEmptyError);
    expect(port.workbook.getWorksheet('Huvudmän')!.getCell('F1').value).toBeNull();
  });
});

describe('fillSheetXml', () => {
  const sheet = (data: string, p = '') =>
    `<?xml version="1.0"?><${p}worksheet xmlns${p ? `:${p.slice(0, -1)}` : ''}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${p}dimension ref="A1:B2"/>${data}<${p}pageMargins/></${p}worksheet>`;

  it('inserts cells in column order, creates missing rows in row order, copies a style, grows spans and the dimension', () => {
    const xml = sheet('<sheetData><row r="1" spans="1:2"><c r="A1" s="4" t="s"><v>0</v></c><c r="C1"><v>1</v></c></row><row r="3"><c r="A3"><v>2</v></c></row></sheetData>');
    const out = fillSheetXml(xml, 'S', [
      { row: 0, col: 1, value: 'Folkmängd <&>', styleFrom: [0, 0] },
      { row: 1, col: 1, value: 42 },
      { row: 4, col: 1, value: 7 },
    ]);
    expect(out).toContain('<row r="1" spans="1:3"><c r="A1" s="4" t="s"><v>0</v></c><c r="B1" s="4" t="inlineStr"><is><t xml:space="preserve">Folkmängd &lt;&amp;&gt;</t></is></c><c r="C1"><v>1</v></c></row>');
    expect(out).toMatch(/<\/row><row r="2"><c r="B2"><v>42<\/v><\/c><\/row><row r="3">.*<\/row><row r="5"><c r="B5"><v>7<\/v><\/c><\/row><\/sheetData>/);
    expect(out).toContain('<dimension ref="A1:B5"/>');
    expect(out.endsWith('<pageMargins/></worksheet>')).toBe(true);
  });

  it('a prefixed part (x:) and an empty sheetData; a styled empty cell keeps its style', () => {
    const out = fillSheetXml(sheet('<x:sheetData/>', 'x:'), 'S', [{ row: 0, col: 0, value: 1 }]);
    expect(out).toContain('<x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData>');
    const styled = fillSheetXml(sheet('<sheetData><row r="2"><c r="B2" s="9"/></row></sheetData>'), 'S', [{ row: 1, col: 1, value: 5 }]);
    expect(styled).toContain('<row r="2"><c r="B2" s="9"><v>5</v></c></row>');
  });

  it.each([
    ['a value', '<c r="B2"><v>3</v></c>'],
    ['a formula', '<c r="B2"><f>1+1</f></c>'],
    ['an inline string', '<c r="B2" t="inlineStr"><is><t>x</t></is></c>'],
  ])('refuses a cell holding %s', (_, cell) => {
    expect(() => fillSheetXml(sheet(`<sheetData><row r="2">${cell}</row></sheetData>`), 'S', [{ row: 1, col: 1, value: 5 }])).toThrow(CellNotEmptyError);
  });
});
