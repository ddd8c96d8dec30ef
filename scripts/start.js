// `npm start` / `npm stop`. With Excel on this machine (Windows or macOS) they
// sideload through office-addin-debugging, fetched on demand with npx; it is
// not a dependency because it pulls in native keychain modules. Elsewhere they
// say how to sideload in Excel on the web and start the dev server.
const { spawnSync } = require('child_process');

const command = process.argv[2] === 'stop' ? 'stop' : 'start';
const desktop = process.platform === 'win32' || process.platform === 'darwin';

if (desktop) {
  const r = spawnSync('npx', ['--yes', 'office-addin-debugging@7', command, 'manifest.xml', 'desktop'], { stdio: 'inherit', shell: true });
  process.exit(r.status ?? 1);
}

if (command === 'stop') {
  console.log('Inget att stoppa här: utvecklingsservern stoppas med Ctrl+C i fönstret där `npm start` kör.');
  process.exit(0);
}

console.log(`
Excel för skrivbordet finns inte på den här datorn (${process.platform}). Så här provar du tillägget i Excel på webben:

  1. Låt den här servern köra (https://localhost:3000). Utan utvecklingscertifikat: kör först
     \`npx office-addin-dev-certs install\` (kräver administratörsrätt) så att webbläsaren litar på localhost.
  2. Öppna en arbetsbok på https://www.office.com i Excel på webben.
  3. Välj Start › Tillägg › Fler inställningar › Ladda upp mitt tillägg (Upload My Add-in) och välj manifest.xml
     i projektets mapp.
  4. Knapparna "Validera budget" och "Visa panelen" finns på fliken Start; funktionerna heter SGD.ANDEL med flera.

Utan Excel alls: samma panel finns som webbsida på https://localhost:3000/browser.html.
`);
const r = spawnSync('npx', ['webpack', 'serve', '--mode', 'development'], { stdio: 'inherit', shell: true });
process.exit(r.status ?? 1);
