import { classifyFinancing } from '../../src/engine/financing';
import { lineStatus } from '../../src/engine/status';

/**
 * The plans' own sentences (../shared/seeds, DOMAIN.md "Financing words"),
 * not the words the code happened to know: each must be classified, and
 * anything else must come back `unknown` so that the reader flags it.
 */
describe('financing words as the plans write them', () => {
  it.each([
    // seed 002 (SITIV): another programme's money, payer named
    ['Finansieras av Omställningsprogrammets "den nära vården"', 'external', 'Omställningsprogrammets "den nära vården"'],
    ['Projektledare: 1000 000 kr, finansieras av "den nära vården".', 'external', 'den nära vården'],
    // seed 004 (CeHis) and seed 001 (SGD footnote)
    ['statliga stimulansmedel', 'external', null],
    ['Statliga stimulansbidrag', 'external', null],
    ['nationell gemensam finansiering', 'external', null],
    ['Nationell finansiering', 'external', null],
    ['statsbidrag', 'external', null],
    ['externa projektmedel', 'external', null],
    ['EU-medel', 'external', null],
    ['Annan*', 'external', null],
    ['Statsbidrag: Socialstyrelsen', 'external', 'Socialstyrelsen'],
    // own cost (seed 004 and SITIV)
    ['Införande hos varje intressent betalas av denne', 'own', null],
    ['i andra hand står respektive organisation för sina tillkommande kostnader', 'own', null],
    ['Egen finansiering (Falkenberg)', 'own', 'Falkenberg'],
    ['egen kostnad', 'own', null],
    // a named payer that may be a principal: resolved against the principals later
    ['Betalas av Falkenberg', 'external', 'Falkenberg'],
    // joint
    ['SGD', 'joint', undefined],
    ['SGD-budget', 'joint', undefined],
    ['Gemensam finansiering via SGD', 'joint', undefined],
    ['finansieras gemensamt', 'joint', undefined],
    ['Finansieras av huvudmännen gemensamt', 'joint', undefined],
    // English
    ['State grant', 'external', null],
    ['Funded by the Close Care programme', 'external', 'the Close Care programme'],
    ['EU funds', 'external', null],
    ['Own cost', 'own', null],
    ['Joint', 'joint', undefined],
  ])('%s → %s', (text, kind, payer) => {
    const w = classifyFinancing(text);
    expect(w.kind).toBe(kind);
    if (payer !== undefined) expect((w as { payer: string | null }).payer).toBe(payer);
  });

  it('reads co-financing with its percentage (seed 002: "Deltagande vårdgivare ska medfinansiera med 50%")', () => {
    const w = classifyFinancing('Deltagande vårdgivare ska medfinansiera med 50%');
    expect(w.kind).toBe('co-financing');
    expect((w as { percent: { toNumber(): number } }).percent.toNumber()).toBe(50);
    expect((classifyFinancing('Medfinansiering 37,5 %') as { percent: { toNumber(): number } }).percent.toNumber()).toBe(37.5);
  });

  it.each(['Omställningsprogrammet', 'Regionen?', 'se bilaga', 'Vet ej', 'Inera', 'ks-beslut 2024'])('never guesses: "%s" is unknown', (text) => {
    expect(classifyFinancing(text)).toEqual({ kind: 'unknown', text });
  });

  it('an empty cell is no financing word (the plan default applies)', () => {
    expect(classifyFinancing('')).toEqual({ kind: 'none' });
    expect(classifyFinancing(null)).toEqual({ kind: 'none' });
  });
});

describe('line status as the plans write it', () => {
  it.each([
    ['Beslutad', 'carried-out'],
    ['Pågår', 'carried-out'],
    ['Prioriterad', 'carried-out'],
    ['Avslutad', 'carried-out'],
    ['Decided', 'carried-out'],
    ['In progress', 'carried-out'],
    // SITIV's project office lists
    ['Prioriterats och ej genomförs', 'not-carried-out'],
    ['Prioriterats, ej genomförs', 'not-carried-out'],
    // seed 001
    ['Säkra videomöten har utgått', 'not-carried-out'],
    ['Utgått', 'not-carried-out'],
    ['Genomförs inte', 'not-carried-out'],
    ['Cancelled', 'not-carried-out'],
    ['Not carried out', 'not-carried-out'],
    ['Vilande', 'unknown'],
    ['?', 'unknown'],
  ])('%s → %s', (text, state) => expect(lineStatus(text)).toBe(state));

  it('an empty status says nothing', () => expect(lineStatus('')).toBeNull());
});
