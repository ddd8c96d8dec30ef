import type { RoundingUnit } from '../engine/decimal';
import type { Lang } from '../engine/lang';
import { parseModelOption, parseRatio } from '../engine/models';
import type { ModelSpec, Ratio } from '../engine/types';
import { CliError } from './messages';

export type Command = 'validate' | 'allocate' | 'distribute' | 'follow-up' | 'population';
const COMMANDS: readonly Command[] = ['validate', 'allocate', 'distribute', 'follow-up', 'population'];
/** The commands whose result is a file or folder (`follow-up` writes one only when asked). */
const NEEDS_OUT = new Set<string>(['allocate', 'distribute']);

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
  /** `sgd distribute` from a plan with errors: make preliminary files anyway. */
  readonly allowErrors: boolean;
  /** `sgd follow-up --csv`: the invoice basis as a CSV for Swedish Excel. */
  readonly csv: string | null;
  /** `sgd distribute --follow-up`: each file also carries the principal's follow-up and settlement. */
  readonly followUp: boolean;
  /** `sgd population --county 13`: the county whose figures SCB is asked for. */
  readonly county: string | null;
  /** `sgd population --into plan.xlsx --out ny.xlsx`: the plan whose copy gets the dated population column. */
  readonly into: string | null;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Draft = Mutable<Omit<CliArgs, 'command' | 'input'>>;

/** One option: its names, whether it takes a value, and what it does to the arguments. */
interface OptionSpec {
  readonly names: readonly string[];
  /** Reads the option's value into the draft; absent for switches. */
  readonly read?: (value: string, draft: Draft) => void;
  readonly set?: (draft: Draft) => void;
}

const usage = (key: ConstructorParameters<typeof CliError>[0], params: Record<string, string> = {}) => new CliError(key, params, true);

const OPTIONS: readonly OptionSpec[] = [
  { names: ['--out', '-o'], read: (v, d) => (d.out = v) },
  { names: ['--json'], set: (d) => (d.json = true) },
  {
    names: ['--lang'],
    read: (v, d) => {
      if (v !== 'sv' && v !== 'en') throw usage('BAD_LANG', { text: v });
      d.lang = v;
    },
  },
  { names: ['--model'], read: (v, d) => (d.model = parseModelOption(v) ?? fail(usage('BAD_MODEL', { text: v }))) },
  { names: ['--ratio'], read: (v, d) => (d.ratio = parseRatio(v) ?? fail(usage('BAD_RATIO', { text: v }))) },
  {
    names: ['--rounding'],
    read: (v, d) => {
      const unit = v.toLowerCase().replace('ö', 'o');
      if (unit !== 'kr' && unit !== 'ore') throw usage('BAD_ROUNDING', { text: v });
      d.rounding = unit;
    },
  },
  {
    names: ['--year'],
    read: (v, d) => {
      for (const part of v.split(',')) {
        const y = Number(part.trim());
        if (!/^\s*\d{4}\s*$/.test(part) || y < 1900 || y > 2200) throw usage('BAD_YEAR', { text: part });
        d.years.push(y);
      }
    },
  },
  { names: ['--fill-population'], set: (d) => (d.fillPopulation = true) },
  { names: ['--allow-errors'], set: (d) => (d.allowErrors = true) },
  { names: ['--csv'], read: (v, d) => (d.csv = v) },
  { names: ['--into'], read: (v, d) => (d.into = v) },
  { names: ['--follow-up'], set: (d) => (d.followUp = true) },
  {
    names: ['--county'],
    read: (v, d) => {
      if (!/^\d{2}$/.test(v.trim())) throw usage('BAD_COUNTY', { text: v });
      d.county = v.trim();
    },
  },
  {
    names: ['--expected'],
    read: (v, d) => {
      if (!/^\d{1,6}$/.test(v) || Number(v) < 1) throw usage('BAD_EXPECTED');
      d.expected = Number(v);
    },
  },
];

function fail(e: CliError): never {
  throw e;
}

/** The `--lang` asked for, read before anything else so every error can follow it. */
export function langOf(argv: readonly string[]): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i < 0) return 'sv';
  const v = argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
  return v === 'en' ? 'en' : 'sv';
}

/**
 * Reads the command line.
 * @throws CliError for anything it cannot use (exit code 2, one line)
 */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args = [...argv];
  const command = args.shift();
  if (!command) throw usage('NO_COMMAND');
  if (!COMMANDS.includes(command as Command)) throw usage('UNKNOWN_COMMAND', { text: command });
  const draft: Draft = { out: null, json: false, lang: 'sv', rounding: 'kr', years: [], fillPopulation: false, allowErrors: false, csv: null, followUp: false, county: null, into: null };
  let input: string | null = null;
  while (args.length > 0) {
    const a = args.shift()!;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const option = OPTIONS.find((o) => o.names.includes(name));
    if (option?.read) {
      const value = eq > 0 ? a.slice(eq + 1) : args.shift();
      if (value === undefined || (eq < 0 && value.startsWith('--'))) throw usage('NEEDS_VALUE', { flag: name });
      option.read(value, draft);
    } else if (option?.set && eq < 0) {
      option.set(draft);
    } else if (name.startsWith('-')) {
      throw usage('UNKNOWN_FLAG', { flag: name });
    } else if (input !== null) {
      throw usage('ONE_INPUT', { text: name });
    } else {
      input = name;
    }
  }
  return finish(command as Command, input, draft);
}

/** What each command needs besides its options: an input plan, an output, or (population) a county and a year. */
function finish(command: Command, input: string | null, draft: Draft): CliArgs {
  // `sgd population` asks SCB and reads no plan.
  if (command === 'population') {
    if (input !== null) throw usage('ONE_INPUT', { text: input });
    if (draft.county === null || draft.years.length !== 1) throw usage('POPULATION_ARGS');
    if (draft.into !== null && draft.out === null) throw usage('POPULATION_INTO_OUT');
    return { command, input: draft.into ?? '', ...draft };
  }
  if (draft.into !== null) throw usage('UNKNOWN_FLAG', { flag: '--into' });
  if (input === null) throw usage('NO_INPUT');
  if (NEEDS_OUT.has(command) && draft.out === null) throw usage('NEEDS_OUT', { command });
  return { command, input, ...draft };
}
