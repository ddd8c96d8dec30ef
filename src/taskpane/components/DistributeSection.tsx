import { Button, Text } from '@fluentui/react-components';
import * as React from 'react';
import type { Controller } from '../controller';
import { Row, Section } from './Section';
import { TaskStatus } from './TaskStatus';
import { usePane } from './usePane';

/** "Skapa kommunfiler": one plain workbook per principal, as a zip. */
export function DistributeSection({ controller }: { controller: Controller }) {
  const { s, t } = usePane(controller);
  return (
    <Section id="sgd-distribute" title={t.distribute}>
      <Row>
        <Button onClick={() => void controller.distribute()} disabled={s.busy !== null}>
          {t.distribute}
        </Button>
      </Row>
      <TaskStatus controller={controller} task="distribute" />
      {s.confirmDistribute !== null && (
        <div role="alertdialog" aria-labelledby="sgd-confirm-text" className="sgd-confirm" data-result-of="distribute" tabIndex={-1}>
          <Text id="sgd-confirm-text" weight="semibold">
            {t.confirmDistribute(s.confirmDistribute)}
          </Text>
          <Row>
            <Button appearance="primary" onClick={() => void controller.distribute(true)} disabled={s.busy !== null}>
              {t.makePreliminary}
            </Button>
            <Button onClick={() => controller.cancelDistribute()}>{t.cancel}</Button>
          </Row>
        </div>
      )}
      {s.distribution && (
        <Text role="status" data-result-of="distribute" tabIndex={-1}>
          {s.distribution.preliminary ? `${t.preliminaryMade}: ` : ''}
          {s.distribution.count} {t.distributed} {s.distribution.fileName}
        </Text>
      )}
    </Section>
  );
}
