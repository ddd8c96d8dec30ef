// Lint rules: the recommended sets of ESLint and typescript-eslint, the React
// hooks rules for the pane, and the house rules: no float arithmetic helpers on
// money, import boundaries per folder, Office only in excel/, and size and
// complexity warnings so growth shows.
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * Which folders of src/ each folder may import from, and which packages.
 * The engine is pure: decimal.js and itself. Only the pane's entry
 * (taskpane/index.tsx) may import excel/; the ribbon commands live in excel/.
 */
const BOUNDARIES = {
  engine: { folders: ['engine'], packages: ['decimal.js'] },
  workbook: { folders: ['engine', 'workbook'], packages: [] },
  xlsx: { folders: ['engine', 'workbook', 'xlsx'], packages: ['exceljs', 'jszip'] },
  functions: { folders: ['engine', 'workbook', 'functions', 'excel'], packages: [] },
  excel: { folders: ['engine', 'workbook', 'excel', 'taskpane'], packages: [] },
  taskpane: { folders: ['engine', 'workbook', 'xlsx', 'scb', 'taskpane'], packages: ['react', 'react-dom', '@fluentui/react-components', 'jszip'] },
  browser: { folders: ['engine', 'workbook', 'xlsx', 'scb', 'taskpane', 'browser'], packages: ['react', 'react-dom', '@fluentui/react-components'] },
  // SCB's API, with the platform's fetch (Node and browsers): the one request besides office.js.
  scb: { folders: ['engine', 'scb'], packages: [] },
  cli: { folders: ['engine', 'workbook', 'xlsx', 'scb', 'cli'], packages: ['fs', 'path', 'crypto', 'node:fs', 'node:path', 'node:crypto'] },
};
/** Files allowed past their folder's boundary, with why. */
const ENTRY_EXCEPTIONS = {
  // The pane's entry in Excel wires the Office host and the ribbon commands to the pane.
  'src/taskpane/index.tsx': ['excel'],
};

const SRC = path.join(import.meta.dirname, 'src');

/** A local rule: an import outside the folder's boundary is an error naming the rule. */
const boundaries = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const file = path.relative(import.meta.dirname, context.filename).split(path.sep).join('/');
    const folder = path.relative(SRC, context.filename).split(path.sep)[0];
    const rule = BOUNDARIES[folder];
    if (!file.startsWith('src/') || !rule) return {};
    const allowed = new Set([...rule.folders, ...(ENTRY_EXCEPTIONS[file] ?? [])]);
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      if (source.startsWith('.')) {
        const target = path.relative(SRC, path.resolve(path.dirname(context.filename), source)).split(path.sep)[0];
        if (!allowed.has(target)) context.report({ node, message: `src/${folder}/ may not import from src/${target}/ (boundaries in eslint.config.mjs)` });
      } else {
        const pkg = source.startsWith('@') ? source.split('/').slice(0, 2).join('/') : source.split('/')[0];
        if (!rule.packages.includes(pkg)) context.report({ node, message: `src/${folder}/ may not import the package '${pkg}' (boundaries in eslint.config.mjs)` });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
    };
  },
};

const FLOAT_GLOBALS = [{ name: 'parseFloat', message: 'Amounts are read with parseAmount (Decimal), never parseFloat.' }];
const OFFICE_GLOBALS = ['Excel', 'Office', 'OfficeExtension'].map((name) => ({ name, message: `Only src/excel/ uses ${name}; go through the port or the host.` }));

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'lib/', 'out/', 'test-output/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, sgd: { rules: { boundaries } } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Amounts are Decimal or integer units; parseFloat/toFixed on numbers would round through floats.
      'no-restricted-globals': ['error', ...FLOAT_GLOBALS, ...OFFICE_GLOBALS],
      'sgd/boundaries': 'error',
      // Warnings, so growth shows in every lint run (the figures are in the notes of each change).
      complexity: ['warn', 20],
      'max-lines-per-function': ['warn', { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Only excel/ talks to Office and Excel.
    files: ['src/excel/**/*.{ts,tsx}'],
    rules: { 'no-restricted-globals': ['error', ...FLOAT_GLOBALS] },
  },
  {
    // React components are long JSX trees; their size is not logic.
    files: ['src/**/*.tsx'],
    rules: { 'max-lines-per-function': 'off' },
  },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly', setTimeout: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
