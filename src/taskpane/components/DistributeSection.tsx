import { Button, Text } from '@fluentui/react-components';
import * as React from 'react';
import type { Controller } from '../controller';
import { Row, Section } from './Section';
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
      {s.distribution && (
        <Text role="status">
          {s.distribution.count} {t.distributed} {s.distribution.fileName}
        </Text>
      )}
    </Section>
  );
}
