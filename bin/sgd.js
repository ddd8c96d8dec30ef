#!/usr/bin/env node
'use strict';
// The `sgd` command line; the code is compiled to lib/ by `npm run build:cli`.
let main;
try {
  main = require('../lib/src/cli/main.js');
} catch {
  process.stderr.write('sgd: not built yet; run `npm run build:cli` (or `npm ci`, which builds it)\n');
  process.exit(2);
}
main
  .run(process.argv.slice(2), {
    out: (t) => process.stdout.write(t + '\n'),
    err: (t) => process.stderr.write(t + '\n'),
  })
  .then((code) => process.exit(code));
