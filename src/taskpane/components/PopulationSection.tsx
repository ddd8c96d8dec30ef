import { Button, Caption1, Field, Input, Select, Text } from '@fluentui/react-components';
import * as React from 'react';
import { D } from '../../engine/decimal';
import { formatEn, formatSv } from '../../engine/format';
import { COUNTIES } from '../../engine/reference';
import type { Controller } from '../controller';
import { Row, Section } from './Section';
import { TaskStatus } from './TaskStatus';
import { usePane } from './usePane';

/**
 * "Hämta folkmängd från SCB": the county (the plan's own unless chosen) and
 * the year; the figures go into a new dated column beside the principals
 * table, only into empty cells. The one request that leaves the computer.
 */
export function PopulationSection({ controller }: { controller: Controller }) {
  const { s, t } = usePane(controller);
  const p = s.population;
  const n = s.lang === 'sv' ? formatSv : formatEn;
  return (
    <Section id="sgd-population" title={t.scb}>
      <Caption1>{t.scbHint}</Caption1>
      <Field label={t.scbCounty}>
        <Select value={s.scbCounty} onChange={(_, d) => controller.setScbChoice({ scbCounty: d.value })}>
          <option value="">{t.scbPlanCounty}</option>
          {COUNTIES.map(([code, name]) => (
            <option key={code} value={code}>
              {code} {name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t.scbYear} validationMessage={s.scbYearError ?? undefined} validationState={s.scbYearError ? 'error' : 'none'}>
        <Input type="number" value={String(s.scbYear)} onChange={(_, d) => controller.setScbChoice({ scbYear: Number(d.value) })} />
      </Field>
      <Row>
        <Button onClick={() => void controller.fetchPopulation()} disabled={s.busy !== null}>
          {t.scbFetch}
        </Button>
        {p?.download && (
          <Button onClick={() => controller.savePopulation()} data-testid="download-population">
            {t.downloadResult}
          </Button>
        )}
      </Row>
      <TaskStatus controller={controller} task="population" />
      {p && (
        <div role="status" data-testid="population" data-result-of="population" tabIndex={-1}>
          <Text>{t.scbWrote(p.column.header, p.column.sheet, p.column.column, p.column.filled)}</Text>
          {p.column.unmatched.length > 0 && (
            <Text block>
              {t.scbUnmatched}: {p.column.unmatched.join(', ')}
            </Text>
          )}
          {p.mismatch && <Text block>{t.scbMismatch(n(new D(p.mismatch.total)), n(new D(p.mismatch.sum)))}</Text>}
        </div>
      )}
    </Section>
  );
}
