import { Body1, Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import * as React from 'react';
import type { Severity } from '../../engine/flags';
import { summarise } from '../../engine/messages';
import type { Controller } from '../controller';
import { FlagItem } from './FlagItem';
import { Row, Section } from './Section';
import { TaskStatus } from './TaskStatus';
import { usePane } from './usePane';

const useStyles = makeStyles({
  summaryOk: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
  summaryBad: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorNeutralForeground2 },
});

const ORDER: Severity[] = ['error', 'warning', 'info'];

/** "Validera budget": the button, the summary and the flags grouped by severity. */
export function ValidateSection({ controller }: { controller: Controller }) {
  const { s, t } = usePane(controller);
  const c = useStyles();
  const flags = s.analysis?.flags ?? [];
  const errors = flags.some((f) => f.severity === 'error');
  return (
    <Section id="sgd-validate" title={t.validate}>
      <Row>
        <Button appearance="primary" onClick={() => void controller.validate()} disabled={s.busy !== null}>
          {t.validate}
        </Button>
      </Row>
      <TaskStatus controller={controller} task="validate" />
      {s.analysis && (
        <>
          <Text className={errors ? c.summaryBad : c.summaryOk} role="status" data-testid="summary" data-result-of="validate" tabIndex={-1}>
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
