import { Button, Text } from '@fluentui/react-components';
import * as React from 'react';
import { D } from '../../engine/decimal';
import { formatEn, formatSv } from '../../engine/format';
import type { Controller } from '../controller';
import { Row, Section } from './Section';
import { TaskStatus } from './TaskStatus';
import { usePane } from './usePane';

/** "Följ upp": the year's outcome against budget and who is invoiced or refunded what; the report sheets and the invoice CSV. */
export function FollowUpSection({ controller }: { controller: Controller }) {
  const { s, t } = usePane(controller);
  const f = s.followUp;
  const n = s.lang === 'sv' ? formatSv : formatEn;
  return (
    <Section id="sgd-follow-up" title={t.followUp}>
      <Text>{t.followUpHint}</Text>
      <Row>
        <Button onClick={() => void controller.followUp()} disabled={s.busy !== null}>
          {t.followUp}
        </Button>
        {f?.download && (
          <Button onClick={() => controller.saveFollowUp('result')} data-testid="download-follow-up">
            {t.downloadResult}
          </Button>
        )}
        {f && f.result.years.length > 0 && <Button onClick={() => controller.saveFollowUp('csv')}>{t.downloadCsv}</Button>}
      </Row>
      <TaskStatus controller={controller} task="followUp" />
      {f && (
        <div role="status" data-testid="follow-up" data-result-of="followUp" tabIndex={-1}>
          {f.result.years.length === 0 && <Text>{t.followUpNothing}</Text>}
          {f.result.years.map((y) => {
            const invoice = y.shares.filter((x) => x.settlement.gt(0)).reduce((a, x) => a.plus(x.settlement), new D(0));
            const refund = y.shares.filter((x) => x.settlement.lt(0)).reduce((a, x) => a.plus(x.settlement.abs()), new D(0));
            return (
              <p key={y.year}>
                <strong>
                  {y.year} ({t.followUpBasis[y.basis]})
                </strong>
                : {t.budget} {n(y.budget)} kr, {t.followUpBasis[y.basis]} {n(y.outcome)} kr; {t.toInvoice} {n(invoice)} kr, {t.toRefund} {n(refund)} kr
              </p>
            );
          })}
          {f.written.length > 0 && (
            <Text>
              {controller.hostKind === 'browser' ? t.resultFileSheets : t.written}: {f.written.join(', ')}
            </Text>
          )}
        </div>
      )}
    </Section>
  );
}
