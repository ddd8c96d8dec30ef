import * as React from 'react';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App, FilePicker } from '../taskpane/App';
import { Controller } from '../taskpane/controller';
import { rememberedChoices } from '../taskpane/remember';
import { BrowserHost } from './browserHost';

/** The pane as a plain web page over an .xlsx file, without Excel and without office.js. */
const host = new BrowserHost();
const controller = new Controller(host, {
  lang: /^en/i.test(navigator.language) && !/^sv/i.test(navigator.language) ? 'en' : 'sv',
  dark: window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false,
  ...rememberedChoices(),
});

function Page() {
  const [fileName, setFileName] = useState<string | null>(null);
  const onFile = async (f: File) => {
    try {
      await host.open(f);
      setFileName(f.name);
      controller.resetResults();
    } catch (e) {
      controller.resetResults();
      setFileName(null);
      controller.setError(e instanceof Error ? e.message : String(e));
    }
  };
  return <App controller={controller} filePicker={<FilePicker controller={controller} fileName={fileName} onFile={(f) => void onFile(f)} />} />;
}

createRoot(document.getElementById('root')!).render(<Page />);
