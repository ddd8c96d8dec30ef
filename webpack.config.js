// Builds the add-in: the task pane (which under the shared runtime also hosts
// the ribbon commands), the custom functions with their metadata in English and
// Swedish, the same pane as a plain browser page, and the manifest.
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const { sources } = require('webpack');

const DEV_URL = 'https://localhost:3000/';
const OFFICE_JS = 'https://appsforoffice.microsoft.com';
/** SCB's API (src/scb/client.ts): the one request besides office.js, only when the user asks for population figures. */
const SCB_API = 'https://statistikdatabasen.scb.se';

/** Scripts only from this origin (and office.js in Excel); nothing is fetched but office.js and, on the user's click, SCB's API. */
function csp(office) {
  return [
    "default-src 'self'",
    `script-src 'self'${office ? ` ${OFFICE_JS}` : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${office ? ` ${OFFICE_JS}` : ''} ${SCB_API}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

/** Emits functions-sv.json from the generated functions.json (Swedish names and descriptions). */
class SwedishFunctionsPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('SwedishFunctionsPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'SwedishFunctionsPlugin', stage: compilation.constructor.PROCESS_ASSETS_STAGE_ADDITIONAL }, (assets) => {
        const english = assets['functions.json'];
        if (!english) return;
        // The table is compiled with the command line (npm run build:cli runs first).
        const { localizeMetadata } = require('./lib/src/functions/localize.js');
        compilation.emitAsset('functions-sv.json', new sources.RawSource(localizeMetadata(english.source().toString())));
      });
    });
  }
}

async function httpsOptions() {
  try {
    const devCerts = require('office-addin-dev-certs');
    return await devCerts.getHttpsServerOptions();
  } catch (e) {
    console.warn(
      '\nKunde inte skapa eller hitta utvecklingscertifikat för https://localhost:3000 (' + (e && e.message ? e.message : e) + ').\n' +
        'Servern startar över http i stället: browser.html fungerar, men Excel kräver https. Kör `npx office-addin-dev-certs install` (på Linux med sudo) och starta igen.\n',
    );
    return undefined;
  }
}

module.exports = async (env, options) => {
  const dev = options.mode === 'development';
  const url = (process.env.SGD_ADDIN_URL || DEV_URL).replace(/\/?$/, '/');
  const serve = !!process.env.WEBPACK_SERVE;
  const https = serve ? await httpsOptions() : undefined;
  return {
    devtool: dev ? 'source-map' : false,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      functions: './src/functions/functions.ts',
      browser: './src/browser/index.tsx',
      // The browser page's Web Worker (one file: a worker cannot load chunks the page's way).
      worker: { import: './src/browser/worker.ts', asyncChunks: false },
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].js',
      chunkFilename: 'chunks/[name].[contenthash:8].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { configFile: 'tsconfig.web.json', transpileOnly: true } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: './src/functions/functions.ts' }),
      new SwedishFunctionsPlugin(),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane', 'functions'], csp: csp(true) }),
      new HtmlWebpackPlugin({ filename: 'browser.html', template: './src/browser/browser.html', chunks: ['browser'], csp: csp(false) }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'src/help.html', to: 'help.html' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => (url === DEV_URL ? content : content.toString().split(DEV_URL).join(url)),
          },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, 'dist') },
      headers: { 'Access-Control-Allow-Origin': '*' },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      // Excel needs https; without certificates the page is still served over http for the browser.
      server: https ? { type: 'https', options: https } : 'http',
      client: { overlay: false },
      hot: false,
      liveReload: dev,
    },
  };
};
