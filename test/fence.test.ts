import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

/** The scratch leak of the review: an engine file that reaches for the file system, the DOM and Excel. */
const LEAK = `import * as fs from 'fs';
import { GridView } from '../workbook/grid';
export function leak(g: GridView): string {
  document.title = g.name;
  void Excel.run(async () => undefined);
  return fs.readFileSync('x', 'utf8');
}
`;

describe('the fence around the engine', () => {
  it('fails the engine type-check (no DOM, Node or Office types)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgd-leak-'));
    fs.writeFileSync(path.join(dir, 'leak.ts'), LEAK.replace("import { GridView } from '../workbook/grid';\n", '').replace('g: GridView', 'g: { name: string }'));
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: path.join(ROOT, 'src', 'engine', 'tsconfig.json'), compilerOptions: { rootDir: '/' }, include: [], files: [path.join(dir, 'leak.ts')] }),
    );
    let out = '';
    try {
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    } catch (e) {
      out = (e as { stdout: string }).stdout;
    }
    expect(out).toMatch(/Cannot find module 'fs'/);
    expect(out).toMatch(/Cannot find name 'document'/);
    expect(out).toMatch(/Cannot find name 'Excel'/);
  });

  it('the engine itself passes that type-check', () => {
    expect(() => execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'src', 'engine', 'tsconfig.json')], { encoding: 'utf8' })).not.toThrow();
  });

  /** ESLint as `npm run lint` runs it, on text given as if it were this file (nothing is written to src/). */
  const lint = async (file: string, code: string) => {
    const bin = path.join(path.dirname(require.resolve('eslint/package.json')), 'bin', 'eslint.js');
    let out: string;
    try {
      out = execFileSync(process.execPath, [bin, '--format', 'json', '--stdin', '--stdin-filename', path.join(ROOT, file)], { cwd: ROOT, input: code, encoding: 'utf8' });
    } catch (e) {
      out = (e as { stdout: string }).stdout;
    }
    const [r] = JSON.parse(out) as Array<{ messages: Array<{ severity: number; ruleId: string; message: string }> }>;
    return r.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
  };

  it('fails lint: imports past the boundary and Office globals', async () => {
    const errors = await lint('src/engine/leak.ts', LEAK);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^sgd\/boundaries: src\/engine\/ may not import the package 'fs'/),
        expect.stringMatching(/^sgd\/boundaries: src\/engine\/ may not import from src\/workbook\//),
        expect.stringMatching(/^no-restricted-globals: .*Excel/),
      ]),
    );
  });

  it('keeps excel/ out of the pane except its entry, and Office out of everything but excel/', async () => {
    const office = "import { officeReady } from '../excel/office';\nexport const x = officeReady;\n";
    expect(await lint('src/taskpane/Leak.tsx', office)).toEqual([expect.stringMatching(/may not import from src\/excel\//)]);
    expect(await lint('src/taskpane/index.tsx', office)).toEqual([]);
    expect(await lint('src/workbook/leak.ts', 'export const x = () => Office.context;\n')).toEqual([expect.stringMatching(/^no-restricted-globals/)]);
    expect(await lint('src/excel/leak.ts', 'export const x = () => Office.context;\n')).toEqual([]);
  });
});
