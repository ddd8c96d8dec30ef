import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { CliError } from './messages';

/**
 * Everything the command line does with the file system, where the ground
 * rules are kept: the input is never written, an existing file sgd did not
 * make is never replaced, a device or FIFO is never opened or replaced, and a
 * failure or a kill leaves no half-written result.
 */

/** Temporary files of a write in progress: `.sgd-tmp-<pid>-<time>-<name>`. Only these are ever cleaned up. */
const TEMP = /^\.sgd-tmp-(\d+)-\d+-/;
/** Which files of a folder the last `sgd distribute` wrote, with the SHA-256 of each. */
const MANIFEST = '.sgd-kommunfiler.json';

const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0];

/** Reads the input: a regular file, at most `maxBytes`, read up to that and no further (a FIFO or /dev/zero never hangs). */
export function readInput(file: string, maxBytes: number): Buffer {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new CliError('NOT_FOUND', { file });
  }
  if (stat.isDirectory()) throw new CliError('IS_FOLDER', { file });
  if (!stat.isFile()) throw new CliError('NOT_A_FILE', { file });
  if (stat.size > maxBytes) throw new CliError('TOO_BIG', { file, mb: Math.round(maxBytes / 1024 / 1024) });
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let n = 0;
    for (let got = 1; got > 0 && n < buf.length; n += got) got = fs.readSync(fd, buf, n, buf.length - n, n);
    if (n > maxBytes) throw new CliError('TOO_BIG', { file, mb: Math.round(maxBytes / 1024 / 1024) });
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** The same file, by device and inode (a bind mount, a link, another letter case on a case-insensitive disk). */
export function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const x = fs.statSync(a);
    const y = fs.statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/** An output path may be new, or an existing regular file; never a device, a FIFO or a socket. */
export function checkTarget(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    return;
  }
  if (stat.isDirectory()) throw new CliError('OUT_IS_FOLDER', { file });
  if (!stat.isFile()) throw new CliError('OUT_NOT_REGULAR', { file });
}

/** Removes temporary files in a folder left by a run that was killed (its process is gone). */
export function cleanOrphans(dir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    try {
      if (fs.lstatSync(path.join(dir, name)).isFile()) fs.unlinkSync(path.join(dir, name));
    } catch {
      /* another run cleaned it */
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const tempName = (dir: string, file: string) => path.join(dir, `.sgd-tmp-${process.pid}-${Date.now()}-${path.basename(file)}`);

/** Writes through a temporary file in the same folder, then renames: no half-written results. */
export function writeAtomic(file: string, data: Uint8Array): void {
  const dir = path.dirname(path.resolve(file));
  const tmp = tempName(dir, file);
  try {
    fs.mkdirSync(dir, { recursive: true });
    cleanOrphans(dir);
    checkTarget(file);
    fs.writeFileSync(tmp, data, { flag: 'wx' });
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* nothing left behind */
    }
    throw e instanceof CliError ? e : new CliError('CANNOT_WRITE', { file, reason: firstLine(e) });
  }
}

/**
 * Writes a set of files into a folder, all or nothing: every file first goes
 * to a temporary name; only when all are written are they renamed into place.
 * A file already there is replaced only if the previous run wrote it (the
 * folder's manifest names it with its content hash, so it is unchanged); any other is left alone and
 * nothing is written.
 */
export function writeAllOrNothing(folder: string, files: ReadonlyArray<{ name: string; data: Uint8Array }>, isInput: (file: string) => boolean): void {
  fs.mkdirSync(folder, { recursive: true });
  cleanOrphans(folder);
  const manifestPath = path.join(folder, MANIFEST);
  const previous = readManifest(manifestPath);
  for (const f of files) {
    const target = path.join(folder, f.name);
    if (path.dirname(path.resolve(target)) !== path.resolve(folder)) throw new CliError('CANNOT_WRITE', { file: target, reason: 'outside the folder' });
    if (isInput(target)) throw new CliError('TARGET_IS_INPUT', { file: target });
    checkTarget(target);
    if (fs.existsSync(target) && previous.get(f.name) !== sha256(fs.readFileSync(target))) throw new CliError('FILE_EXISTS', { file: target });
  }
  const temps: string[] = [];
  try {
    for (const f of files) {
      const tmp = tempName(folder, f.name);
      temps.push(tmp);
      fs.writeFileSync(tmp, f.data, { flag: 'wx' });
    }
  } catch (e) {
    for (const t of temps) fs.rmSync(t, { force: true });
    throw new CliError('CANNOT_WRITE', { file: folder, reason: firstLine(e) });
  }
  files.forEach((f, i) => fs.renameSync(temps[i], path.join(folder, f.name)));
  writeAtomic(manifestPath, Buffer.from(JSON.stringify({ files: Object.fromEntries(files.map((f) => [f.name, sha256(f.data)])) }, null, 1)));
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

function readManifest(file: string): Map<string, string> {
  try {
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { files?: Record<string, string> };
    return new Map(Object.entries(doc.files ?? {}));
  } catch {
    return new Map();
  }
}

/** Text for a terminal: control characters (ESC sequences, bells, carriage returns) shown, never run. */
export function forTerminal(text: string): string {
  // eslint-disable-next-line no-control-regex -- these are exactly the characters to neutralise
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
