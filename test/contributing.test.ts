import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

/** The paths named in CONTRIBUTING's folder tree, by indentation; a folder `x/*` covers its files. */
function treeEntries(): { files: Set<string>; wildcards: Set<string>; folders: Set<string> } {
  const text = fs.readFileSync(path.join(ROOT, 'CONTRIBUTING.md'), 'utf8');
  const block = /## The folder tree[\s\S]*?```\n([\s\S]*?)```/.exec(text)![1];
  const files = new Set<string>();
  const wildcards = new Set<string>();
  const folders = new Set<string>();
  const stack: Array<{ indent: number; dir: string }> = [];
  let last = 0;
  for (const line of block.split('\n')) {
    const m = /^( *)(\S+)/.exec(line);
    if (!m) continue;
    const indent = m[1].length;
    const name = m[2];
    // A name is at most one level (two spaces) deeper than the name before; deeper is a description going on.
    if (indent > last + 2) continue;
    last = indent;
    while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
    if (indent > 0 && stack.length === 0) continue;
    const parent = stack.length ? stack[stack.length - 1].dir : '';
    if (name.endsWith('/*')) wildcards.add(parent + name.slice(0, -1));
    else if (name.endsWith('/')) {
      folders.add(parent + name);
      stack.push({ indent, dir: parent + name });
    } else files.add(parent + name);
  }
  return { files, wildcards, folders };
}

function walk(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(`${dir}/${e.name}`) : [`${dir}/${e.name}`]));
}

describe("CONTRIBUTING's folder tree", () => {
  const { files, wildcards, folders } = treeEntries();

  it('names every file under src/ (or its folder as x/*)', () => {
    const missing = walk('src').filter((f) => !files.has(f) && ![...wildcards].some((w) => f.startsWith(w)));
    expect(missing).toEqual([]);
  });

  it('names nothing that does not exist', () => {
    const named = [...files, ...wildcards, ...folders].filter((p) => !fs.existsSync(path.join(ROOT, p)));
    expect(named).toEqual([]);
  });
});
