import { Button, Caption1, Field, Input, Select, Text } from '@fluentui/react-components';
import * as React from 'react';
import { countyName, populationDatasets } from '../../engine/reference';
import type { Controller } from '../controller';
import { Row, Section } from './Section';
import { TaskStatus } from './TaskStatus';
import { usePane } from './usePane';

/** "Skapa planmall": a clean plan and principals table for a county and population date, in new sheets. */
export function TemplateSection({ controller }: { controller: Controller }) {
  const { s, t } = usePane(controller);
  const sets = populationDatasets();
  return (
    <Section id="sgd-template" title={t.template}>
      <Caption1>{controller.hostKind === 'browser' ? t.templateHintBrowser : t.templateHint}</Caption1>
      <Field label={t.county}>
        <Select value={s.datasetId} onChange={(_, d) => controller.setTemplateChoice({ datasetId: d.value })}>
          {sets.map((d) => (
            <option key={d.id} value={d.id}>
              {countyName(d.county) ?? d.county} · {d.date}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t.firstYear} validationMessage={s.templateError ?? undefined} validationState={s.templateError ? 'error' : 'none'}>
        <Input type="number" value={String(s.firstYear)} onChange={(_, d) => controller.setTemplateChoice({ firstYear: Number(d.value) })} />
      </Field>
      <Row>
        <Button onClick={() => void controller.insertTemplate()} disabled={s.busy !== null}>
          {t.template}
        </Button>
      </Row>
      <TaskStatus controller={controller} task="template" />
      {s.template && (
        <Text role="status" data-result-of="template" tabIndex={-1}>
          {s.template.fileName ? `${t.templateFile} ${s.template.fileName}` : `${t.templateDone}: ${s.template.written.join(', ')}`}
        </Text>
      )}
    </Section>
  );
}
