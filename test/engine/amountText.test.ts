import fc from 'fast-check';
import { parseAmount } from '../../src/engine/amountText';
import { D } from '../../src/engine/decimal';
import { formatEn, formatSv } from '../../src/engine/format';

const value = (v: unknown) => {
  const p = parseAmount(v);
  return p.kind === 'amount' ? p.value.toString() : p.kind;
};

describe('parseAmount', () => {
  it.each([
    ['1 150 000', '1150000'],
    ['1 150 000 kr', '1150000'],
    ['1\u00a0150\u00a0000 kr', '1150000'],
    ['1\u2009150\u2009000', '1150000'],
    ['1\u202f150\u202f000 SEK', '1150000'],
    ['1150000,50', '1150000.5'],
    ['1 150 000,50 kr', '1150000.5'],
    ['\u221250 000', '-50000'],
    ['-50 000 kr', '-50000'],
    ['(1 000)', '-1000'],
    ['1.150.000', '1150000'],
    ['1.150.000,25', '1150000.25'],
    ['1,150,000.25', '1150000.25'],
    ['1 150 tkr', '1150000'],
    ['2,3 mnkr', '2300000'],
    ['1 100\n000', '1100000'],
    ['100 000:-', '100000'],
  ])('reads %j as %s', (text, expected) => expect(value(text)).toBe(expected));

  it('reads a per-inhabitant rate in öre', () => {
    const p = parseAmount('82,09 öre/inv');
    expect(p).toEqual({ kind: 'amount', value: new D('82.09'), unit: 'ore' });
    expect(value('1 414 324 inv')).toBe('1414324');
  });

  it('takes numbers as Excel holds them, to 15 significant digits', () => {
    expect(value(1750000)).toBe('1750000');
    expect(value(0.1 + 0.2)).toBe('0.3');
    expect(value(61.870000000000005)).toBe('61.87');
  });

  it('tells footnote markers, blanks and errors apart', () => {
    expect(parseAmount('**').kind).toBe('marker');
    expect(parseAmount('***').kind).toBe('marker');
    expect(parseAmount('').kind).toBe('empty');
    expect(parseAmount('–').kind).toBe('empty');
    expect(parseAmount(null).kind).toBe('empty');
    expect(parseAmount({ error: '#REF!' })).toMatchObject({ kind: 'error', reason: 'excel-error' });
    expect(parseAmount('#N/A')).toMatchObject({ kind: 'error', reason: 'excel-error' });
    expect(parseAmount('ca 100 000')).toMatchObject({ kind: 'error', reason: 'not-a-number' });
    expect(parseAmount('1,2,3,4')).toMatchObject({ kind: 'error', reason: 'not-a-number' });
    expect(parseAmount(1e300)).toMatchObject({ kind: 'error', reason: 'too-large' });
    expect(parseAmount(Infinity)).toMatchObject({ kind: 'error', reason: 'not-finite' });
    expect(parseAmount(new Date(0))).toMatchObject({ kind: 'error', reason: 'wrong-type' });
    expect(parseAmount(true)).toMatchObject({ kind: 'error', reason: 'wrong-type' });
  });

  it('reads back every amount it formats the Swedish way (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 11n), max: 10n ** 11n }), fc.integer({ min: 0, max: 99 }), (kr, ore) => {
        const d = new D(kr.toString()).plus(new D(ore).div(100).times(kr < 0n ? -1 : 1));
        const p = parseAmount(`${formatSv(d, 2)} kr`);
        return p.kind === 'amount' && p.value.eq(d);
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('formatSv', () => {
  it('groups with no-break spaces, uses a decimal comma and a true minus', () => {
    expect(formatSv(new D('1750000'))).toBe('1\u00a0750\u00a0000');
    expect(formatSv(new D('61.87'), 2)).toBe('61,87');
    expect(formatSv(new D('-350000'))).toBe('\u2212350\u00a0000');
    expect(formatSv(new D('0'))).toBe('0');
    expect(formatEn(new D('1750000.5'))).toBe('1,750,000.5');
  });
});
