import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { registerCommands } from '../excel/commands';
import { officeReady } from '../excel/office';
import { OfficeHost } from '../excel/officeHost';
import { App } from './App';
import { rememberedChoices } from './remember';
import { Controller } from './controller';

/** The pane's controller, once Office is ready; the ribbon command waits for it. */
let ready: (c: Controller) => void = () => undefined;
const controllerReady = new Promise<Controller>((resolve) => (ready = resolve));
registerCommands(controllerReady);

/** The task pane in Excel (shared runtime: it also hosts the ribbon commands). */
async function main() {
  const info = await officeReady();
  const root = createRoot(document.getElementById('root')!);
  if (!info) {
    root.render(
      <p style={{ padding: 16, fontFamily: 'sans-serif' }}>
        Den här sidan är SGD-tilläggets panel och öppnas i Excel. Utan Excel: öppna <a href="browser.html">webbsidan</a>.
      </p>,
    );
    return;
  }
  const controller = new Controller(new OfficeHost(info.platform), { lang: /^en/i.test(info.displayLanguage) ? 'en' : 'sv', dark: info.dark, ...rememberedChoices() });
  ready(controller);
  root.render(<App controller={controller} />);
}

void main();
