import { Caption1, FluentProvider, Link, makeStyles, MessageBar, MessageBarBody, Switch, Title3, tokens, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import * as React from 'react';
import { AllocateSection } from './components/AllocateSection';
import { DistributeSection } from './components/DistributeSection';
import { FollowUpSection } from './components/FollowUpSection';
import { PopulationSection } from './components/PopulationSection';
import { TemplateSection } from './components/TemplateSection';
import { usePane } from './components/usePane';
import { ValidateSection } from './components/ValidateSection';
import type { Controller } from './controller';
import { rememberChoices } from './remember';

export { FilePicker } from './components/FilePicker';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
    minHeight: '100vh',
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    // Form controls shrink with the pane (350 px, or 175 CSS px at 200 % zoom) instead of pushing the page sideways.
    '& .fui-Field, & .fui-Select, & .fui-Input': { minWidth: 0, maxWidth: '100%' },
    '& .fui-Select__select, & .fui-Input__input': { minWidth: 0, width: '100%' },
    '& .fui-RadioGroup': { flexWrap: 'wrap' },
    // "kostnadsfördelning" is wider than 143 px in a heading: long words break rather than scroll.
    overflowWrap: 'anywhere',
  },
  header: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  switches: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM },
});

export interface AppProps {
  readonly controller: Controller;
  /** The browser host's file picker, rendered above the actions. */
  readonly filePicker?: React.ReactNode;
}

/** The pane: header with language and theme, the status line, and one section per action. */
export function App({ controller, filePicker }: AppProps): React.JSX.Element {
  const { s, t } = usePane(controller);
  const c = useStyles();
  // <html lang> follows the switch (screen readers, hyphenation), and the choices are remembered.
  React.useEffect(() => {
    document.documentElement.lang = s.lang;
    rememberChoices({ lang: s.lang, dark: s.dark });
  }, [s.lang, s.dark]);
  // The theme covers the whole page, not only the pane's column (no white bands at 1280 px), and native controls follow it.
  React.useEffect(() => {
    const theme = s.dark ? webDarkTheme : webLightTheme;
    document.documentElement.style.colorScheme = s.dark ? 'dark' : 'light';
    document.body.style.backgroundColor = theme.colorNeutralBackground1;
    document.body.style.color = theme.colorNeutralForeground1;
  }, [s.dark]);
  return (
    <FluentProvider theme={s.dark ? webDarkTheme : webLightTheme} lang={s.lang === 'sv' ? 'sv-SE' : 'en'}>
      <main className={c.root} aria-busy={s.busy !== null}>
        <header className={c.header}>
          <Title3 as="h1">{t.title}</Title3>
          <Caption1>{t.subtitle}</Caption1>
          <div className={c.switches}>
            <Switch label={t.english} checked={s.lang === 'en'} onChange={(_, d) => controller.setLang(d.checked ? 'en' : 'sv')} />
            <Switch label={t.dark} checked={s.dark} onChange={(_, d) => controller.setDark(d.checked)} />
          </div>
          <Link as="button" onClick={() => controller.openHelp()} data-testid="help">
            {t.help}
          </Link>
        </header>
        {filePicker}
        <div aria-live="polite">
          {s.error && s.lastTask === null && (
            <MessageBar intent="error">
              <MessageBarBody>{s.error}</MessageBarBody>
            </MessageBar>
          )}
          {s.notice && (
            <MessageBar intent="info">
              <MessageBarBody>{s.notice}</MessageBarBody>
            </MessageBar>
          )}
        </div>
        <ValidateSection controller={controller} />
        <AllocateSection controller={controller} />
        <FollowUpSection controller={controller} />
        <DistributeSection controller={controller} />
        <PopulationSection controller={controller} />
        <TemplateSection controller={controller} />
      </main>
    </FluentProvider>
  );
}
