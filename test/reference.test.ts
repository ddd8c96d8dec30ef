import * as fs from 'fs';
import * as path from 'path';
import { generate, OUT } from '../scripts/build-reference';
import { isKnownCode, municipalityCount, populationDatasets, regionName } from '../src/engine/reference';

const ROOT = path.join(__dirname, '..');
const SHARED = path.join(ROOT, '..', 'shared', 'data');

describe('bundled reference data', () => {
  it('src/reference/data.ts is what the generator makes from data/reference/*.csv', () => {
    expect(fs.readFileSync(OUT, 'utf8')).toBe(generate());
  });

  const shared = fs.existsSync(SHARED) ? it : it.skip;
  shared('data/reference holds the same files as ../shared/data', () => {
    for (const f of fs.readdirSync(path.join(ROOT, 'data', 'reference'))) {
      expect([f, fs.readFileSync(path.join(ROOT, 'data', 'reference', f), 'utf8')]).toEqual([f, fs.readFileSync(path.join(SHARED, f), 'utf8')]);
    }
  });

  it('has the counts of SOURCES.md: 290 municipalities, 33 in Skåne, Skåne 2022 adds up to 1 414 324, Örebro 2022 and 2023 to 307 772 and 308 116', () => {
    expect(isKnownCode('1280')).toBe(true);
    expect(isKnownCode('12')).toBe(true);
    expect(isKnownCode('9999')).toBe(false);
    expect([municipalityCount('12'), municipalityCount('14'), municipalityCount('18'), municipalityCount('13')]).toEqual([33, 49, 12, 6]);
    const skane = populationDatasets('12').find((d) => d.date === '2022-12-31')!;
    expect(skane.rows.reduce((s, [, p]) => s + p, 0)).toBe(1_414_324);
    const orebro = (date: string) => populationDatasets('18').find((d) => d.date === date)!.rows.reduce((s, [, p]) => s + p, 0);
    expect([orebro('2022-12-31'), orebro('2023-12-31')]).toEqual([307_772, 308_116]);
    expect(populationDatasets('18')[0].date).toBe('2023-12-31');
    expect(regionName('12')).toBe('Region Skåne');
    expect(regionName('14')).toBe('Västra Götalandsregionen');
  });
});
