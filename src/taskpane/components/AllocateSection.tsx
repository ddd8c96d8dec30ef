import { Button, Checkbox, Field, Input, makeStyles, Radio, RadioGroup, Select, Text, tokens } from '@fluentui/react-components';
import * as React from 'react';
import type { Controller } from '../controller';
import { modelOptions } from '../i18n';
import { Row, Section } from './Section';
import { TaskStatus } from './TaskStatus';
import { usePane } from './usePane';
import { YearTable } from './YearTable';

const useStyles = makeStyles({
  years: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, border: 'none', padding: 0, margin: 0 },
  error: { flexBasis: '100%', color: tokens.colorPaletteRedForeground1 },
});

/** "Fördela": model, ratio, rounding and years; the result sheets and a summary per year. */
export function AllocateSection({ controller }: { controller: Controller }) {
  const { s, t } = usePane(controller);
  const c = useStyles();
  const planYears = s.analysis?.plan ? [...new Set(s.analysis.plan.lines.map((l) => l.year))].sort((a, b) => a - b) : [];
  const chosen = s.options.years ?? planYears;
  return (
    <Section id="sgd-allocate" title={t.allocate}>
      <Field label={t.model} validationMessage={s.controlErrors.model ?? undefined} validationState={s.controlErrors.model ? 'error' : 'none'}>
        <Select value={s.options.model} onChange={(_, d) => controller.setOptions({ model: d.value })}>
          <option value="">{t.planModel}</option>
          {modelOptions(s.lang).map(({ value, label }) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t.ratio} validationMessage={s.controlErrors.ratio ?? undefined} validationState={s.controlErrors.ratio ? 'error' : 'none'}>
        <Input value={s.options.ratio} placeholder="1:1" onChange={(_, d) => controller.setOptions({ ratio: d.value })} />
      </Field>
      <Field label={t.rounding}>
        <RadioGroup layout="horizontal" value={s.options.rounding} onChange={(_, d) => controller.setOptions({ rounding: d.value === 'ore' ? 'ore' : 'kr' })}>
          <Radio value="kr" label={t.kronor} />
          <Radio value="ore" label={t.ore} />
        </RadioGroup>
      </Field>
      {planYears.length > 0 && (
        <fieldset className={c.years} aria-describedby={s.controlErrors.years ? 'sgd-years-error' : undefined}>
          <legend>{t.years}</legend>
          {s.controlErrors.years && (
            <Text id="sgd-years-error" role="alert" className={c.error}>
              {s.controlErrors.years}
            </Text>
          )}
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
      <Row>
        <Button appearance="primary" onClick={() => void controller.allocate()} disabled={s.busy !== null}>
          {t.allocate}
        </Button>
        {s.allocation?.download && (
          <Button onClick={() => controller.saveResult()} data-testid="download-result">
            {t.downloadResult}
          </Button>
        )}
      </Row>
      <TaskStatus controller={controller} task="allocate" />
      {s.allocation && s.analysis && (
        <>
          <Text role="status" data-result-of="allocate" tabIndex={-1}>
            {controller.hostKind === 'browser' ? t.resultFileSheets : t.written}: {s.allocation.written.join(', ')}
          </Text>
          <YearTable years={s.analysis.years} controller={controller} />
        </>
      )}
    </Section>
  );
}
