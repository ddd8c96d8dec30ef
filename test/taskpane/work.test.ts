import * as fs from 'fs';
import * as path from 'path';
import { D } from '../../src/engine/decimal';
import { fromWire, localWork, toWire } from '../../src/taskpane/work';
import { ExcelJsWorkbook } from '../../src/xlsx/exceljsWorkbook';

/**
 * What crosses between the browser page and its worker: every amount comes
 * back as the same exact Decimal (structured clone drops a Decimal's
 * prototype), and the pane's copy leaves out only the per-area cells.
 */
const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'sgd-handlingsplan-2024.xlsx');

describe('the worker wire', () => {
  it('an analysis survives structured clone exactly; forPane drops only the share rows\u2019 per-area cells', async () => {
    const work = localWork(await ExcelJsWorkbook.fromBuffer(fs.readFileSync(EXAMPLE)));
    const a = await work.validate({ rounding: 'ore' });
    const back = fromWire<typeof a>(structuredClone(toWire(a)));
    expect(back).toEqual(a);
    expect(D.isDecimal(back.years[1].shares[0].amount)).toBe(true);
    expect(back.years[1].shares[0].amount.toString()).toBe(a.years[1].shares[0].amount.toString());
    const pane = fromWire<typeof a>(structuredClone(toWire(a, { forPane: true })));
    expect(pane.years[1].shares[0].byArea).toEqual([]);
    expect(pane.years[1].shares.map((s) => s.amount.toString())).toEqual(a.years[1].shares.map((s) => s.amount.toString()));
    expect(pane.flags).toEqual(a.flags);
    // A decimal that no float holds stays exact.
    expect(fromWire<{ x: InstanceType<typeof D> }>(structuredClone(toWire({ x: new D('0.1000000000000000000000001') }))).x.toString()).toBe('0.1000000000000000000000001');
  });

  it('an object met twice is sent once and comes back shared', () => {
    const p = { name: 'Malmö', population: new D(357_377) };
    const back = fromWire<{ a: typeof p; b: typeof p }>(structuredClone(toWire({ a: p, b: p })));
    expect(back.a).toBe(back.b);
    expect(back.a.population.eq(357_377)).toBe(true);
  });

  it('municipality files report their progress and come back as one zip, or as the number of errors that stop them', async () => {
    const work = localWork(await ExcelJsWorkbook.fromBuffer(fs.readFileSync(EXAMPLE)));
    const refused = await work.distribute({ rounding: 'kr' }, { lang: 'sv', source: 'x', allowErrors: false }, () => undefined);
    expect('refused' in refused && refused.refused).toBe(4);
    const seen: Array<[number, number]> = [];
    const made = await work.distribute({ rounding: 'kr' }, { lang: 'sv', source: 'x', allowErrors: true }, (d, t) => seen.push([d, t]));
    expect('zip' in made && [made.count, made.preliminary]).toEqual([34, true]);
    expect(seen[0]).toEqual([0, 34]);
    expect(seen[seen.length - 1]).toEqual([34, 34]);
  });
});

describe('WorkerClient without workers (an old browser): the same work on the page', () => {
  it('opens, validates, offers a result only after a write, and refuses a zip without sheets', async () => {
    const { WorkerClient } = await import('../../src/browser/workerClient');
    expect(typeof (globalThis as { Worker?: unknown }).Worker).toBe('undefined');
    const client = new WorkerClient();
    await client.open(new Uint8Array(fs.readFileSync(EXAMPLE)));
    expect((await client.validate({ rounding: 'kr' })).flags.filter((f) => f.severity === 'error')).toHaveLength(4);
    expect(await client.resultBytes()).toBeNull();
    const { written } = await client.allocate({ rounding: 'kr' }, { lang: 'sv', source: 'x' });
    expect(written).toContain('SGD Fördelning 2024');
    expect((await client.resultBytes())!.length).toBeGreaterThan(1000);
    const { default: JSZip } = await import('jszip');
    const empty = new JSZip();
    empty.file('x.txt', 'x');
    await expect(client.open(await empty.generateAsync({ type: 'uint8array' }))).rejects.toThrow();
  });
});
