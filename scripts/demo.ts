/**
 * `npm run demo`: validate, allocate and distribute the bundled example plan
 * (the SGD 2024 budget as published) and say where the results went.
 */
import * as path from 'path';
import { run } from '../src/cli/main';
import { projectRoot } from './paths';

async function main(): Promise<number> {
  const root = projectRoot();
  const plan = path.join(root, 'examples', 'sgd-handlingsplan-2024.xlsx');
  const out = path.join(root, 'out');
  const io = { out: (t: string) => console.log(t), err: (t: string) => console.error(t) };
  const rel = (p: string) => path.relative(process.cwd(), p) || '.';
  const steps: Array<[string, string[]]> = [
    ['Validera budget', ['validate', rel(plan)]],
    ['Fördela', ['allocate', rel(plan), '--out', rel(path.join(out, 'sgd-2024-resultat.xlsx'))]],
    // The published plan has errors: distribute refuses, and makes preliminary files only when told to.
    ['Skapa kommunfiler', ['distribute', rel(plan), '--out', rel(path.join(out, 'kommunfiler'))]],
    ['Skapa kommunfiler ändå (preliminära)', ['distribute', rel(plan), '--out', rel(path.join(out, 'kommunfiler')), '--allow-errors']],
  ];
  let worst = 0;
  for (const [title, argv] of steps) {
    console.log(`\n== ${title}: sgd ${argv.join(' ')}`);
    const code = await run(argv, io);
    console.log(`(slutkod ${code})`);
    worst = Math.max(worst, code);
  }
  console.log(
    `\nExemplet är den publicerade budgeten för 2024; de fyra felen ovan finns i originalet, så kommunfilerna är märkta Preliminär.\n` +
      `Resultat: ${rel(path.join(out, 'sgd-2024-resultat.xlsx'))} och ${rel(path.join(out, 'kommunfiler'))}/`,
  );
  // Exit code 1 means "the plan has errors", which is the point of the example.
  return worst >= 2 ? worst : 0;
}

main().then((code) => process.exit(code));
