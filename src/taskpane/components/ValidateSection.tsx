import { Body1, Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import * as React from 'react';
import type { Flag, Severity } from '../../engine/flags';
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
  group: { marginBottom: tokens.spacingVerticalXS },
  summary: { cursor: 'pointer', fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, padding: `${tokens.spacingVerticalXXS} 0` },
});

const ORDER: Severity[] = ['error', 'warning', 'info'];
/** More flags of one severity than this are grouped by code. */
const LONG_LIST = 8;

function byCode(flags: readonly Flag[]): Array<[string, Flag[]]> {
  const groups = new Map<string, Flag[]>();
  for (const f of flags) groups.set(f.code, [...(groups.get(f.code) ?? []), f]);
  return [...groups];
}

function FlagList({ flags, label, controller }: { flags: readonly Flag[]; label: string; controller: Controller }) {
  const c = useStyles();
  return (
    <ul className={c.list} aria-label={label}>
      {flags.map((f, i) => (
        <li key={`${f.code}-${f.sheet}-${f.cell}-${i}`}>
          <FlagItem flag={f} controller={controller} />
        </li>
      ))}
    </ul>
  );
}

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
                {group.length <= LONG_LIST ? (
                  <FlagList flags={group} label={heading} controller={controller} />
                ) : (
                  // A long list (54 flags of a Västra Götaland plan) is grouped by code, each group opened on demand.
                  byCode(group).map(([code, list]) => (
                    <details key={code} className={c.group} data-testid="flag-group">
                      <summary className={c.summary}>
                        {code} ({list.length} {t.flagsOfCode})
                      </summary>
                      <FlagList flags={list} label={`${heading}: ${code}`} controller={controller} />
                    </details>
                  ))
                )}
              </div>
            );
          })}
        </>
      )}
    </Section>
  );
}
