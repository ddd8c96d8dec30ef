import type { RoundingUnit } from '../engine/decimal';
import type { Lang } from '../engine/messages';
import { parseModelOption, parseRatio } from '../engine/models';
import type { ModelSpec, Ratio } from '../engine/types';

export type Command = 'validate' | 'allocate' | 'distribute';

export interface CliArgs {
  readonly command: Command;
  readonly input: string;
  readonly out: string | null;
  readonly json: boolean;
  readonly lang: Lang;
  readonly model?: ModelSpec;
  readonly ratio?: Ratio;
  readonly rounding: RoundingUnit;
  readonly years: number[];
  readonly fillPopulation: boolean;
  readonly expected?: number;
}

/** A problem with the command line itself: exit code 2, one line. */
export class UsageError extends Error {}

export const USAGE = {
  sv: `Användning:
  sgd validate <plan.xlsx> [--json] [--lang sv|en]
  sgd allocate <plan.xlsx> --out <resultat.xlsx> [--json] [--model M] [--ratio 1:1] [--rounding kr|ore] [--year N]
  sgd distribute <plan.xlsx> --out <mapp> [--model M] [--ratio 1:1] [--rounding kr|ore] [--year N]
Övrigt: --fill-population (fyll saknad folkmängd ur SCB-data), --expected N (antal huvudmän)
Modeller: 1:1 (region:kommuner, standard), per-capita, equal, equal-municipalities, key:<kolumn>, percent, own-cost
Slutkoder: 0 inga fel, 1 fel hittades, 2 oanvändbar indata eller argument`,
  en: `Usage:
  sgd validate <plan.xlsx> [--json] [--lang sv|en]
  sgd allocate <plan.xlsx> --out <result.xlsx> [--json] [--model M] [--ratio 1:1] [--rounding kr|ore] [--year N]
  sgd distribute <plan.xlsx> --out <folder> [--model M] [--ratio 1:1] [--rounding kr|ore] [--year N]
Other: --fill-population (fill missing populations from SCB data), --expected N (number of principals)
Models: 1:1 (region:municipalities, default), per-capita, equal, equal-municipalities, key:<column>, percent, own-cost
Exit codes: 0 no errors, 1 errors found, 2 unusable input or arguments`,
};

export function parseArgs(argv: readonly string[]): CliArgs {
  const args = [...argv];
  const command = args.shift();
  if (command !== 'validate' && command !== 'allocate' && command !== 'distribute') {
    throw new UsageError(command ? `okänt kommando "${command}" (validate, allocate, distribute)` : 'inget kommando angivet');
  }
  let input: string | null = null;
  let out: string | null = null;
  let json = false;
  let lang: Lang = 'sv';
  let model: ModelSpec | undefined;
  let ratio: Ratio | undefined;
  let rounding: RoundingUnit = 'kr';
  const years: number[] = [];
  let fillPopulation = false;
  let expected: number | undefined;
  const value = (flag: string): string => {
    const v = args.shift();
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} behöver ett värde`);
    return v;
  };
  while (args.length > 0) {
    const a = args.shift()!;
    const [flagName, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, null];
    if (inline !== null) args.unshift(inline);
    switch (flagName) {
      case '--out':
      case '-o':
        out = value(flagName);
        break;
      case '--json':
        json = true;
        break;
      case '--lang': {
        const v = value(flagName);
        if (v !== 'sv' && v !== 'en') throw new UsageError(`--lang måste vara sv eller en, inte "${v}"`);
        lang = v;
        break;
      }
      case '--model': {
        const v = value(flagName);
        const parsed = parseModelOption(v);
        if (!parsed) throw new UsageError(`okänd modell "${v}"`);
        model = parsed;
        break;
      }
      case '--ratio': {
        const v = value(flagName);
        const r = parseRatio(v);
        if (!r) throw new UsageError(`--ratio ska vara t.ex. 1:1, 2:1 eller 60/40, inte "${v}"`);
        ratio = r;
        break;
      }
      case '--rounding': {
        const v = value(flagName).toLowerCase().replace('ö', 'o');
        if (v !== 'kr' && v !== 'ore') throw new UsageError(`--rounding måste vara kr eller ore, inte "${v}"`);
        rounding = v;
        break;
      }
      case '--year': {
        for (const part of value(flagName).split(',')) {
          const y = Number(part.trim());
          if (!Number.isInteger(y) || y < 1900 || y > 2200) throw new UsageError(`--year ska vara ett år, inte "${part}"`);
          years.push(y);
        }
        break;
      }
      case '--fill-population':
        fillPopulation = true;
        break;
      case '--expected': {
        const v = Number(value(flagName));
        if (!Number.isInteger(v) || v < 1) throw new UsageError('--expected ska vara ett positivt heltal');
        expected = v;
        break;
      }
      default:
        if (flagName.startsWith('-')) throw new UsageError(`okänd flagga ${flagName}`);
        if (input !== null) throw new UsageError(`en indatafil i taget (fick även "${flagName}")`);
        input = flagName;
    }
  }
  if (input === null) throw new UsageError('ingen plan angiven (en .xlsx-fil)');
  if (command !== 'validate' && out === null) throw new UsageError(`${command} behöver --out`);
  return { command, input, out, json, lang, model, ratio, rounding, years, fillPopulation, expected };
}
