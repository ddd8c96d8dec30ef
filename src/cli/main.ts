import * as fs from 'fs';
import * as path from 'path';
import type { Analysis, AnalyseOptions } from '../engine/analyse';
import { regionShare } from '../engine/allocate';
import { hasErrors } from '../engine/flags';
import { formatEn, formatSv } from '../engine/format';
import type { Lang } from '../engine/lang';
import { messageFor, summarise } from '../engine/messages';
import type { ExcelJsWorkbook } from '../xlsx/exceljsWorkbook';
import type { ScbPopulation } from '../scb/client';
import { D } from '../engine/decimal';
import { followUp, FollowUp, FollowUpOptions } from '../engine/followUp';
import { followUpJson, invoiceCsv } from '../workbook/followUpSheets';
import { allocateWorkbook, distributionFiles, distributionGate, followUpWorkbook, readWorkbook, validateWorkbook } from '../workbook/pipeline';
import { PopulationColumnError, refuseKnownDate, writePopulationColumn } from '../workbook/populationColumn';
import { analysisJson, flagsJson } from '../workbook/results';
import type { SheetOptions } from '../workbook/sheets';
import { CliArgs, langOf, parseArgs } from './args';
import { checkTarget, forTerminal, readInput, sameFile, writeAllOrNothing, writeAtomic } from './files';
import { CliError, cliText, USAGE } from './messages';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const MAX_INPUT_MB = 100;

/**
 * The `sgd` command line. Returns the exit code: 0 no error flags, 1 error
 * flags found, 2 unusable input or arguments (one line on stderr, in the
 * language of `--lang`). Never throws.
 */
export async function run(argv: readonly string[], io: Io, now: () => Date = () => new Date()): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(USAGE[argv.includes('en') ? 'en' : 'sv']);
    return argv.length === 0 ? 2 : 0;
  }
  const lang = langOf(argv);
  // Cell text reaches the terminal only with its control characters shown, never run (JSON escapes them itself).
  const safe: Io = { out: (t) => io.out(forTerminal(t)), err: (t) => io.err(forTerminal(t)) };
  try {
    return await execute(parseArgs(argv), safe, now);
  } catch (e) {
    const text = e instanceof CliError ? e.text(lang) : cliText(lang, 'UNEXPECTED', { reason: firstLine(e) });
    safe.err(`sgd: ${text.split('\n')[0]}`);
    return 2;
  }
}

const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0];

async function loadInput(file: string): Promise<ExcelJsWorkbook> {
  const bytes = readInput(file, MAX_INPUT_MB * 1024 * 1024);
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf) throw new CliError('ENCRYPTED', { file });
    throw new CliError('NOT_XLSX', { file });
  }
  let port: ExcelJsWorkbook;
  try {
    // exceljs is loaded only when there is a file to read (sgd --help starts faster).
    const { ExcelJsWorkbook } = await import('../xlsx/exceljsWorkbook');
    port = await ExcelJsWorkbook.fromBuffer(bytes);
  } catch (e) {
    throw packageError(file, e);
  }
  // Every workbook Excel saves has at least one sheet; a zip without one is something else.
  if ((await port.inventory()).sheets.length === 0) throw new CliError('NO_SHEETS', { file });
  return port;
}

/** Why a package cannot be read, in one line. */
function packageError(file: string, e: unknown): CliError {
  const problem = (e as { problem?: { kind: string; what?: string; found?: number; limit?: number } }).problem;
  if (!problem) return new CliError('UNREADABLE', { file, reason: firstLine(e) });
  if (problem.kind === 'encrypted') return new CliError('ENCRYPTED', { file });
  if (problem.kind === 'damaged') return new CliError('DAMAGED', { file });
  if (problem.kind === 'not-zip') return new CliError('NOT_XLSX', { file });
  return new CliError('PACKAGE_TOO_LARGE', { file, what: problem.what ?? '', found: problem.found ?? 0, limit: problem.limit ?? 0 });
}

async function execute(args: CliArgs, io: Io, now: () => Date): Promise<number> {
  if (args.command === 'population') return population(args, io, now);
  if (args.out && sameFile(args.out, args.input)) throw new CliError('OUT_IS_INPUT');
  if (args.csv && sameFile(args.csv, args.input)) throw new CliError('OUT_IS_INPUT');
  if (args.command === 'allocate' && args.out) checkTarget(args.out);
  const port = await loadInput(args.input);
  const options: AnalyseOptions = {
    rounding: args.rounding,
    model: args.model,
    ratio: args.ratio,
    years: args.years,
    fillPopulation: args.fillPopulation,
    expectedPrincipals: args.expected,
  };
  const sheetOptions = { lang: args.lang, source: path.basename(args.input), createdAt: now().toISOString().slice(0, 16).replace('T', ' ') };
  if (args.command === 'validate') {
    const analysis = await validateWorkbook(port, options);
    if (args.json) io.out(JSON.stringify({ flags: flagsJson(analysis.flags, args.lang) }, null, 2));
    else printFlags(analysis, args.lang, io);
    return exitCode(analysis);
  }
  if (args.command === 'allocate') {
    const target = args.out!;
    const { analysis, written } = await allocateWorkbook(port, options, sheetOptions);
    writeAtomic(target, await port.toBuffer());
    if (args.json) io.out(JSON.stringify(analysisJson(analysis, args.lang), null, 2));
    else {
      printFlags(analysis, args.lang, io);
      printYears(analysis, args.lang, io);
      io.out(cliText(args.lang, 'WROTE_FILE', { file: target, sheets: written.join(', ') }));
    }
    return exitCode(analysis);
  }
  if (args.command === 'follow-up') return followUpCommand(port, args, options, sheetOptions, io, now);
  return distribute(port, args, options, sheetOptions, io, now);
}

/**
 * `sgd population`: the county's population on 31 December from SCB, the
 * region's figure the sum of its municipalities', as a CSV for Swedish Excel
 * (or printed, or JSON). A failed request changes nothing and says why.
 */
async function population(args: CliArgs, io: Io, now: () => Date): Promise<number> {
  if (args.out) checkTarget(args.out);
  if (args.into && sameFile(args.out!, args.into)) throw new CliError('OUT_IS_INPUT');
  const port = args.into ? await intoPlan(args.into, args) : null;
  const { fetchCountyPopulation, ScbError } = await import('../scb/client');
  let scb;
  try {
    scb = await fetchCountyPopulation(args.county!, args.years[0], { baseUrl: process.env.SGD_SCB_URL || undefined, now });
  } catch (e) {
    if (e instanceof ScbError) throw new CliError('SCB_FAILED', { text: e.text(args.lang) });
    throw e;
  }
  const sum = scb.municipalities.reduce((s, m) => s + m.population, 0);
  const rows = [
    { code: scb.county, name: scb.regionName, kind: 'Region', population: sum },
    ...scb.municipalities.map((m) => ({ code: m.code, name: m.name, kind: 'Kommun', population: m.population })),
  ];
  const mismatch = scb.countyTotal !== null && scb.countyTotal !== sum;
  if (port) return populationInto(port, scb, sum, args, io);
  if (args.json) io.out(JSON.stringify({ county: scb.county, year: scb.year, date: scb.date, source: scb.source, countyTotal: scb.countyTotal, principals: rows }, null, 2));
  if (args.out) {
    const field = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const header = `Kod;Namn;Typ;Folkmängd ${scb.date};Datum;Källa`;
    const lines = rows.map((r) => [r.code, field(r.name), r.kind, String(r.population), scb.date, field(scb.source)].join(';'));
    writeAtomic(args.out, new TextEncoder().encode('\uFEFF' + [header, ...lines].join('\r\n') + '\r\n'));
  }
  if (!args.json) {
    const n = args.lang === 'sv' ? formatSv : formatEn;
    if (!args.out) for (const r of rows) io.out(`${r.code.padEnd(6)}${r.name.padEnd(28)}${n(new D(r.population)).padStart(12)}`);
    if (mismatch) io.out(cliText(args.lang, 'POPULATION_MISMATCH_SCB', { total: n(new D(scb.countyTotal!)), sum: n(new D(sum)) }));
    if (args.out) io.out(cliText(args.lang, 'WROTE_POPULATION', { file: args.out, count: rows.length, source: scb.source }));
  }
  return mismatch ? 1 : 0;
}

/** The plan `--into` names, read before SCB is asked: a plan that cannot be used, or already has the date, costs no request. */
async function intoPlan(file: string, args: CliArgs): Promise<ExcelJsWorkbook> {
  const port = await loadInput(file);
  try {
    refuseKnownDate((await readWorkbook(port)).table, `${args.years[0]}-12-31`);
  } catch (e) {
    if (e instanceof PopulationColumnError) throw new CliError('POPULATION_COLUMN', { text: e.text(args.lang) });
    throw e;
  }
  return port;
}

/** `sgd population --into plan.xlsx --out ny.xlsx`: the figures as a dated column beside the principals table of a copy. */
async function populationInto(port: ExcelJsWorkbook, scb: ScbPopulation, sum: number, args: CliArgs, io: Io): Promise<number> {
  const { scbFigures } = await import('../scb/client');
  const mismatch = scb.countyTotal !== null && scb.countyTotal !== sum;
  let column;
  try {
    column = await writePopulationColumn(port, scbFigures(scb), args.lang);
  } catch (e) {
    if (e instanceof PopulationColumnError) throw new CliError('POPULATION_COLUMN', { text: e.text(args.lang) });
    throw e;
  }
  writeAtomic(args.out!, await port.toBuffer());
  const n = args.lang === 'sv' ? formatSv : formatEn;
  if (args.json) io.out(JSON.stringify({ county: scb.county, year: scb.year, date: scb.date, source: scb.source, countyTotal: scb.countyTotal, file: args.out, sheet: column.sheet, column: column.column, header: column.header, filled: column.filled, unmatched: column.unmatched }, null, 2));
  else {
    if (mismatch) io.out(cliText(args.lang, 'POPULATION_MISMATCH_SCB', { total: n(new D(scb.countyTotal!)), sum: n(new D(sum)) }));
    io.out(cliText(args.lang, 'WROTE_POPULATION_COLUMN', { file: args.out!, header: column.header, sheet: column.sheet, column: column.column, count: column.filled, unmatched: column.unmatched.join(', ') }));
  }
  return mismatch ? 1 : 0;
}

/** `sgd follow-up`: the yearly follow-up and settlement, printed or as JSON, and optionally the report workbook and the invoice CSV. */
async function followUpCommand(port: ExcelJsWorkbook, args: CliArgs, options: AnalyseOptions, sheetOptions: SheetOptions, io: Io, now: () => Date): Promise<number> {
  if (args.out) checkTarget(args.out);
  if (args.csv) checkTarget(args.csv);
  const fOptions = { ...options, currentYear: now().getFullYear() };
  const { followUp: f, written } = args.out ? await followUpWorkbook(port, fOptions, sheetOptions) : { followUp: await followUpOnly(port, fOptions), written: [] };
  if (args.out) writeAtomic(args.out, await port.toBuffer());
  if (args.csv) writeAtomic(args.csv, new TextEncoder().encode(invoiceCsv(f, args.lang)));
  if (args.json) io.out(JSON.stringify(followUpJson(f, args.lang), null, 2));
  else {
    printFlags({ ...f.budget, flags: f.flags }, args.lang, io);
    const n = args.lang === 'sv' ? formatSv : formatEn;
    if (f.years.length === 0) io.out(cliText(args.lang, 'NOTHING_TO_FOLLOW_UP'));
    for (const y of f.years) {
      const invoice = y.shares.filter((s) => s.settlement.gt(0)).reduce((a, s) => a.plus(s.settlement), new D(0));
      const refund = y.shares.filter((s) => s.settlement.lt(0)).reduce((a, s) => a.plus(s.settlement.abs()), new D(0));
      const basis = args.lang === 'sv' ? (y.basis === 'outcome' ? 'utfall' : 'prognos') : y.basis;
      io.out(cliText(args.lang, 'FOLLOW_UP_LINE', { year: y.year, basis, budget: n(y.budget), outcome: n(y.outcome), invoice: n(invoice), refund: n(refund) }));
    }
    if (args.out) io.out(cliText(args.lang, 'WROTE_FILE', { file: args.out, sheets: written.join(', ') }));
    if (args.csv) io.out(cliText(args.lang, 'WROTE_CSV', { file: args.csv }));
  }
  return hasErrors(f.flags) ? 1 : 0;
}

async function followUpOnly(port: ExcelJsWorkbook, options: FollowUpOptions): Promise<FollowUp> {
  const input = await readWorkbook(port);
  return followUp(input.plan, input.table, options, input.flags);
}

async function distribute(port: ExcelJsWorkbook, args: CliArgs, options: AnalyseOptions, sheetOptions: SheetOptions, io: Io, now: () => Date): Promise<number> {
  const folder = args.out!;
  if (fs.existsSync(folder) && !fs.statSync(folder).isDirectory()) throw new CliError('OUT_IS_FILE', { file: folder });
  const f = args.followUp ? await followUpOnly(port, { ...options, currentYear: now().getFullYear() }) : null;
  const analysis = f ? { ...f.budget, flags: f.flags } : await validateWorkbook(port, options);
  const gate = distributionGate(analysis, args.allowErrors);
  if ('refused' in gate) {
    if (args.json) io.out(JSON.stringify({ folder, files: [], refused: true, flags: flagsJson(analysis.flags, args.lang) }, null, 2));
    else printFlags(analysis, args.lang, io);
    io.err(`sgd: ${cliText(args.lang, 'DISTRIBUTE_REFUSED', { count: gate.refused })}`);
    return 1;
  }
  const files = distributionFiles(analysis, { ...sheetOptions, preliminary: gate.preliminary, followUp: f ?? undefined });
  const { newWorkbookBuffer } = await import('../xlsx/exceljsWorkbook');
  const data: Array<{ name: string; data: Uint8Array }> = [];
  for (const f of files) data.push({ name: f.fileName, data: await newWorkbookBuffer([f.sheet]) });
  writeAllOrNothing(folder, data, (target) => sameFile(target, args.input));
  const preliminary = gate.preliminary.length > 0;
  if (args.json) io.out(JSON.stringify({ folder, preliminary, files: files.map((f) => ({ code: f.code, name: f.name, file: f.fileName })), flags: flagsJson(analysis.flags, args.lang) }, null, 2));
  else {
    printFlags(analysis, args.lang, io);
    io.out(preliminary ? cliText(args.lang, 'WROTE_PRELIMINARY', { count: files.length, folder, errors: gate.preliminary.length }) : cliText(args.lang, 'WROTE_FILES', { count: files.length, folder }));
  }
  return exitCode(analysis);
}

const exitCode = (a: Analysis): number => (hasErrors(a.flags) ? 1 : 0);

const SEV: Record<Lang, Record<string, string>> = {
  sv: { error: 'FEL', warning: 'VARNING', info: 'INFO' },
  en: { error: 'ERROR', warning: 'WARNING', info: 'INFO' },
};

function printFlags(a: Analysis, lang: Lang, io: Io): void {
  for (const f of a.flags) {
    const where = f.sheet ? `'${f.sheet}'!${f.cell ?? ''}` : '';
    io.out(`${SEV[lang][f.severity].padEnd(8)}${f.code.padEnd(24)}${where.padEnd(22)}${messageFor(f, lang)}`);
  }
  io.out(summarise(a.flags, lang));
}

function printYears(a: Analysis, lang: Lang, io: Io): void {
  const n = lang === 'sv' ? formatSv : formatEn;
  for (const y of a.years) {
    const region = regionShare(y);
    io.out(
      cliText(lang, 'YEAR_LINE', {
        year: y.year,
        amount: n(y.amount),
        count: y.shares.length,
        rate: y.rate ? n(y.rate.orePerInhabitant, 2) : '',
        region: n(region),
        municipalities: n(y.amount.minus(region)),
      }),
    );
  }
}
