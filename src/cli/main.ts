import * as fs from 'fs';
import * as path from 'path';
import type { Analysis, AnalyseOptions } from '../engine/analyse';
import { regionShare } from '../engine/allocate';
import { flag, hasErrors, sortFlags } from '../engine/flags';
import { formatSv, listText } from '../engine/format';
import { Lang, messageFor, summarise } from '../engine/messages';
import type { ExcelJsWorkbook } from '../xlsx/exceljsWorkbook';
import { distributionFiles, validateWorkbook } from '../workbook/pipeline';
import { resultSheets } from '../workbook/sheets';
import { analysisJson, flagsJson } from '../workbook/results';
import { CliArgs, parseArgs, UsageError, USAGE } from './args';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** Input that cannot be used: exit code 2 with one line on stderr. */
class InputError extends Error {}

const MAX_INPUT_BYTES = 100 * 1024 * 1024;

/**
 * The `sgd` command line. Returns the exit code: 0 no error flags, 1 error
 * flags found, 2 unusable input or arguments. Never throws.
 */
export async function run(argv: readonly string[], io: Io, now: () => Date = () => new Date()): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(USAGE[argv.includes('en') ? 'en' : 'sv']);
    return argv.length === 0 ? 2 : 0;
  }
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.err(`sgd: ${e instanceof UsageError ? e.message : String(e)} (sgd --help)`);
    return 2;
  }
  try {
    return await execute(args, io, now);
  } catch (e) {
    const message = e instanceof InputError ? e.message : `oväntat fel: ${e instanceof Error ? e.message : String(e)}`;
    io.err(`sgd: ${message.split('\n')[0]}`);
    return 2;
  }
}

async function loadInput(file: string): Promise<{ port: ExcelJsWorkbook; bytes: Buffer }> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new InputError(`hittar inte filen ${file}`);
  }
  if (stat.isDirectory()) throw new InputError(`${file} är en mapp, inte en .xlsx-fil`);
  if (stat.size > MAX_INPUT_BYTES) throw new InputError(`${file} är större än 100 MB`);
  const bytes = fs.readFileSync(file);
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new InputError(`${file} är ingen .xlsx-fil (en .xlsx är ett zip-arkiv; .xls och .csv kan inte läsas)`);
  }
  let port: ExcelJsWorkbook;
  try {
    // exceljs is loaded only when there is a file to read (sgd --help starts faster).
    const { ExcelJsWorkbook } = await import('../xlsx/exceljsWorkbook');
    port = await ExcelJsWorkbook.fromBuffer(bytes);
  } catch (e) {
    throw new InputError(`kan inte läsa ${file} som .xlsx (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  // Every workbook Excel saves has at least one sheet; a zip without one is something else.
  if ((await port.listSheets()).length === 0) throw new InputError(`${file} har inga kalkylblad; är det en .xlsx-fil?`);
  return { port, bytes };
}

function sameFile(a: string, b: string): boolean {
  const ra = path.resolve(a);
  const rb = path.resolve(b);
  if (ra === rb) return true;
  try {
    return fs.realpathSync(ra) === fs.realpathSync(rb);
  } catch {
    return false;
  }
}

/** Writes through a temporary file in the same folder, then renames: no half-written results. */
export function writeAtomic(file: string, data: Uint8Array): void {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.sgd-tmp-${process.pid}-${Date.now()}-${path.basename(file)}`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* nothing left behind */
    }
    throw new InputError(`kan inte skriva ${file} (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
}

async function execute(args: CliArgs, io: Io, now: () => Date): Promise<number> {
  if (args.out && sameFile(args.out, args.input)) throw new InputError('--out får inte vara indatafilen; indata skrivs aldrig över');
  const { port, bytes } = await loadInput(args.input);
  const options: AnalyseOptions = {
    rounding: args.rounding,
    model: args.model,
    ratio: args.ratio,
    years: args.years,
    fillPopulation: args.fillPopulation,
    expectedPrincipals: args.expected,
  };
  let analysis = await validateWorkbook(port, options);
  if (args.command === 'allocate') {
    const { featuresLostOnWrite } = await import('../xlsx/exceljsWorkbook');
    const lost = await featuresLostOnWrite(bytes);
    if (lost.sv.length > 0) {
      analysis = { ...analysis, flags: sortFlags([...analysis.flags, flag('FILE_FEATURES_DROPPED', null, { features: listText(lost.sv, 'sv'), featuresEn: listText(lost.en, 'en') })]) };
    }
  }
  const sheetOptions = { lang: args.lang, source: path.basename(args.input), createdAt: now().toISOString().slice(0, 16).replace('T', ' ') };
  const code = hasErrors(analysis.flags) ? 1 : 0;

  if (args.command === 'validate') {
    if (args.json) io.out(JSON.stringify({ flags: flagsJson(analysis.flags, args.lang) }, null, 2));
    else printFlags(analysis, args.lang, io);
    return code;
  }
  if (args.command === 'allocate') {
    if (analysis.years.length === 0 && !args.json) printFlags(analysis, args.lang, io);
    const written = await port.writeOwnedSheets(resultSheets(analysis, sheetOptions));
    const target = args.out!;
    if (fs.existsSync(target) && fs.statSync(target).isDirectory()) throw new InputError(`--out ${target} är en mapp; ange en .xlsx-fil`);
    writeAtomic(target, await port.toBuffer());
    if (args.json) io.out(JSON.stringify(analysisJson(analysis, args.lang), null, 2));
    else {
      printFlags(analysis, args.lang, io);
      printYears(analysis, args.lang, io);
      io.out(`${args.lang === 'sv' ? 'Skrev' : 'Wrote'} ${target} (${written.join(', ')})`);
    }
    return code;
  }
  // distribute
  const folder = args.out!;
  if (fs.existsSync(folder) && !fs.statSync(folder).isDirectory()) throw new InputError(`--out ${folder} är en fil; ange en mapp`);
  fs.mkdirSync(folder, { recursive: true });
  const files = distributionFiles(analysis, sheetOptions);
  const { newWorkbookBuffer } = await import('../xlsx/exceljsWorkbook');
  for (const f of files) {
    const target = path.join(folder, f.fileName);
    if (sameFile(target, args.input)) throw new InputError(`${target} är indatafilen; välj en annan mapp`);
    writeAtomic(target, await newWorkbookBuffer([f.sheet]));
  }
  if (args.json) io.out(JSON.stringify({ folder, files: files.map((f) => ({ code: f.code, name: f.name, file: f.fileName })), flags: flagsJson(analysis.flags, args.lang) }, null, 2));
  else {
    printFlags(analysis, args.lang, io);
    io.out(`${args.lang === 'sv' ? 'Skrev' : 'Wrote'} ${files.length} ${args.lang === 'sv' ? 'filer i' : 'files to'} ${folder}`);
  }
  return code;
}

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
  for (const y of a.years) {
    const region = regionShare(y);
    const munis = y.amount.minus(region);
    const rate = y.rate ? `, ${formatSv(y.rate.orePerInhabitant, 2)} öre/inv` : '';
    io.out(
      lang === 'sv'
        ? `${y.year}: ${formatSv(y.amount)} kr fördelat på ${y.shares.length} huvudmän${rate}; regionen ${formatSv(region)} kr, kommunerna ${formatSv(munis)} kr`
        : `${y.year}: SEK ${formatSv(y.amount)} split between ${y.shares.length} principals${rate}; region ${formatSv(region)}, municipalities ${formatSv(munis)}`,
    );
  }
}
