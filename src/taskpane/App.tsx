import {
  Body1,
  Button,
  Caption1,
  Checkbox,
  Field,
  FluentProvider,
  Input,
  Link,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Subtitle2,
  Switch,
  Text,
  Title3,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import * as React from 'react';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { regionShare, type YearResult } from '../engine/allocate';
import type { Flag, Severity } from '../engine/flags';
import { formatSv } from '../engine/format';
import { messageFor, summarise } from '../engine/messages';
import { countyName, populationDatasets } from '../engine/reference';
import type { Controller } from './controller';
import { modelOptions, UI } from './i18n';

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
  },
  header: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  switches: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM },
  section: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  summaryOk: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
  summaryBad: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  flagButton: { justifyContent: 'flex-start', textAlign: 'start', width: '100%', height: 'auto', padding: tokens.spacingVerticalXS, minWidth: 0 },
  flagText: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', rowGap: tokens.spacingVerticalXXS, whiteSpace: 'normal', fontWeight: tokens.fontWeightRegular },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorNeutralForeground2 },
  years: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
  table: { borderCollapse: 'collapse', width: '100%', fontSize: tokens.fontSizeBase200 },
  cell: { textAlign: 'end', padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  cellStart: { textAlign: 'start' },
  fileInput: { fontSize: tokens.fontSizeBase300, color: tokens.colorNeutralForeground1 },
  first: { borderTopStyle: 'none', paddingTop: 0 },
});

/** The pane's state, its texts in the chosen language and the styles. */
function usePane(controller: Controller) {
  const s = useSyncExternalStore(controller.subscribe, controller.getState);
  return { s, t: UI[s.lang], c: useStyles() };
}

/** Shows a spinner only for work that takes more than half a second. */
function useDelayed(active: boolean, ms = 500): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!active) return;
    const t = setTimeout(() => setShown(true), ms);
    return () => {
      clearTimeout(t);
      setShown(false);
    };
  }, [active, ms]);
  return active && shown;
}

export interface AppProps {
  readonly controller: Controller;
  /** The browser host's file picker, rendered above the actions. */
  readonly filePicker?: React.ReactNode;
}

export function App({ controller, filePicker }: AppProps): React.JSX.Element {
  const { s, t, c } = usePane(controller);
  const showBusy = useDelayed(s.busy !== null);
  const busyLabel = s.busy ? { validate: t.validating, allocate: t.allocating, distribute: t.distributing, template: t.templating }[s.busy.task] : '';
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
        </header>
        {filePicker}
        <div aria-live="polite">
          {showBusy && s.busy && (
            <div className={c.row} role="status">
              {s.busy.total ? (
                <Field label={`${busyLabel} ${s.busy.done ?? 0} ${t.progress} ${s.busy.total}`} style={{ width: '100%' }}>
                  <ProgressBar value={(s.busy.done ?? 0) / s.busy.total} />
                </Field>
              ) : (
                <Spinner size="tiny" label={busyLabel} />
              )}
            </div>
          )}
          {s.error && (
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
        <DistributeSection controller={controller} />
        <TemplateSection controller={controller} />
      </main>
    </FluentProvider>
  );
}

/** A titled part of the pane: a landmark with its heading. */
function Section({ id, title, children, first }: { id: string; title: string; children: React.ReactNode; first?: boolean }) {
  const c = useStyles();
  return (
    <section className={mergeClasses(c.section, first && c.first)} aria-labelledby={id}>
      <Subtitle2 as="h2" id={id}>
        {title}
      </Subtitle2>
      {children}
    </section>
  );
}

const ORDER: Severity[] = ['error', 'warning', 'info'];

function ValidateSection({ controller }: { controller: Controller }) {
  const { s, t, c } = usePane(controller);
  const flags = s.analysis?.flags ?? [];
  const errors = flags.some((f) => f.severity === 'error');
  return (
    <Section id="sgd-validate" title={t.validate}>
      <div className={c.row}>
        <Button appearance="primary" onClick={() => void controller.validate()} disabled={s.busy !== null}>
          {t.validate}
        </Button>
      </div>
      {s.analysis && (
        <>
          <Text className={errors ? c.summaryBad : c.summaryOk} role="status" data-testid="summary">
            {summarise(flags, s.lang)}
          </Text>
          {ORDER.map((sev) => {
            const group = flags.filter((f) => f.severity === sev);
            if (group.length === 0) return null;
            const heading = { error: t.errors, warning: t.warnings, info: t.infos }[sev];
            return (
              <div key={sev}>
                <Body1 as="h3" className={c[sev]}>
                  {heading} ({group.length})
                </Body1>
                <ul className={c.list} aria-label={heading}>
                  {group.map((f, i) => (
                    <li key={`${f.code}-${f.sheet}-${f.cell}-${i}`}>
                      <FlagItem flag={f} controller={controller} />
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </>
      )}
    </Section>
  );
}

function FlagItem({ flag: f, controller }: { flag: Flag; controller: Controller }) {
  const { s, t, c } = usePane(controller);
  const where = f.sheet && f.cell ? `${f.sheet}!${f.cell}` : '';
  const text = (
    <span className={c.flagText}>
      <span className={c.code}>
        {f.code}
        {where ? ` · ${where}` : ''}
      </span>
      <span>{messageFor(f, s.lang)}</span>
    </span>
  );
  if (!where) return <div className={c.flagButton}>{text}</div>;
  return (
    <Button appearance="subtle" className={c.flagButton} onClick={() => void controller.showFlag(f)} title={`${t.goToCell} ${where}`} data-testid="flag">
      {text}
    </Button>
  );
}

function AllocateSection({ controller }: { controller: Controller }) {
  const { s, t, c } = usePane(controller);
  const planYears = s.analysis?.plan ? [...new Set(s.analysis.plan.lines.map((l) => l.year))].sort((a, b) => a - b) : [];
  const chosen = s.options.years ?? planYears;
  return (
    <Section id="sgd-allocate" title={t.allocate}>
      <Field label={t.model}>
        <Select value={s.options.model} onChange={(_, d) => controller.setOptions({ model: d.value })}>
          <option value="">{t.planModel}</option>
          {modelOptions(s.lang).map(({ value, label }) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t.ratio}>
        <Input value={s.options.ratio} placeholder="1:1" onChange={(_, d) => controller.setOptions({ ratio: d.value })} />
      </Field>
      <Field label={t.rounding}>
        <RadioGroup layout="horizontal" value={s.options.rounding} onChange={(_, d) => controller.setOptions({ rounding: d.value === 'ore' ? 'ore' : 'kr' })}>
          <Radio value="kr" label={t.kronor} />
          <Radio value="ore" label={t.ore} />
        </RadioGroup>
      </Field>
      {planYears.length > 0 && (
        <fieldset className={c.years} style={{ border: 'none', padding: 0, margin: 0 }}>
          <legend>{t.years}</legend>
          {planYears.map((y) => (
            <Checkbox
              key={y}
              label={String(y)}
              checked={chosen.includes(y)}
              onChange={(_, d) => controller.setOptions({ years: d.checked ? [...chosen, y].sort() : chosen.filter((x) => x !== y) })}
            />
          ))}
        </fieldset>
      )}
      <div className={c.row}>
        <Button appearance="primary" onClick={() => void controller.allocate()} disabled={s.busy !== null}>
          {t.allocate}
        </Button>
        {s.allocation?.download && (
          <Button onClick={() => controller.saveResult()} data-testid="download-result">
            {t.downloadResult}
          </Button>
        )}
      </div>
      {s.allocation && s.analysis && (
        <>
          <Text role="status">
            {t.written}: {s.allocation.written.join(', ')}
          </Text>
          <YearTable years={s.analysis.years} controller={controller} />
        </>
      )}
    </Section>
  );
}

function YearTable({ years, controller }: { years: readonly YearResult[]; controller: Controller }) {
  const { t, c } = usePane(controller);
  return (
    <table className={c.table} data-testid="year-table">
      <thead>
        <tr>
          {[t.years, t.allocated, t.region, t.municipalities, t.ratePerInh].map((h, i) => (
            <th key={h} className={i === 0 ? mergeClasses(c.cell, c.cellStart) : c.cell} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {years.map((y) => {
          const region = regionShare(y);
          return (
            <tr key={y.year}>
              <th className={mergeClasses(c.cell, c.cellStart)} scope="row">
                {y.year}
              </th>
              <td className={c.cell}>{formatSv(y.amount)}</td>
              <td className={c.cell}>{formatSv(region)}</td>
              <td className={c.cell}>{formatSv(y.amount.minus(region))}</td>
              <td className={c.cell}>{y.rate ? formatSv(y.rate.orePerInhabitant, 2) : '–'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function DistributeSection({ controller }: { controller: Controller }) {
  const { s, t, c } = usePane(controller);
  return (
    <Section id="sgd-distribute" title={t.distribute}>
      <div className={c.row}>
        <Button onClick={() => void controller.distribute()} disabled={s.busy !== null}>
          {t.distribute}
        </Button>
      </div>
      {s.distribution && (
        <Text role="status">
          {s.distribution.count} {t.distributed} {s.distribution.fileName}
        </Text>
      )}
    </Section>
  );
}

function TemplateSection({ controller }: { controller: Controller }) {
  const { s, t, c } = usePane(controller);
  const sets = populationDatasets();
  return (
    <Section id="sgd-template" title={t.template}>
      <Caption1>{t.templateHint}</Caption1>
      <Field label={t.county}>
        <Select value={s.datasetId} onChange={(_, d) => controller.setTemplateChoice({ datasetId: d.value })}>
          {sets.map((d) => (
            <option key={d.id} value={d.id}>
              {countyName(d.county) ?? d.county} · {d.date}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t.firstYear}>
        <Input type="number" value={String(s.firstYear)} onChange={(_, d) => controller.setTemplateChoice({ firstYear: Number(d.value) || s.firstYear })} />
      </Field>
      <div className={c.row}>
        <Button onClick={() => void controller.insertTemplate()} disabled={s.busy !== null}>
          {t.template}
        </Button>
      </div>
      {s.template && (
        <Text role="status">
          {t.templateDone}: {s.template.written.join(', ')}
        </Text>
      )}
    </Section>
  );
}

/** The browser host's file chooser, as a labelled native input (keyboard and screen reader friendly). */
export function FilePicker({ controller, fileName, onFile }: { controller: Controller; fileName: string | null; onFile: (f: File) => void }) {
  const { t, c } = usePane(controller);
  return (
    <Section id="sgd-file" title={t.openFile} first>
      <input
        id="sgd-file-input"
        className={c.fileInput}
        type="file"
        aria-label={t.openFile}
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) onFile(f);
        }}
      />
      <Caption1>
        {fileName ? `${t.file}: ${fileName}` : t.noFile} {t.openFileHint}
      </Caption1>
      <Link href="help.html">{t.help}</Link>
    </Section>
  );
}
