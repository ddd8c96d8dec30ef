import { Field, makeStyles, MessageBar, MessageBarBody, ProgressBar, Spinner } from '@fluentui/react-components';
import * as React from 'react';
import type { Controller, Task } from '../controller';
import { Row } from './Section';
import { useDelayed, usePane } from './usePane';

const useStyles = makeStyles({ progress: { width: '100%' } });

/**
 * The progress and the error of one action, next to the button that started
 * it (at 350 px a status at the top of the pane is off-screen). Announced
 * politely to screen readers.
 */
export function TaskStatus({ controller, task }: { controller: Controller; task: Task }) {
  const { s, t } = usePane(controller);
  const c = useStyles();
  const busy = s.busy?.task === task ? s.busy : null;
  const showBusy = useDelayed(busy !== null);
  const label = { validate: t.validating, allocate: t.allocating, distribute: t.distributing, template: t.templating, followUp: t.followingUp, population: t.scbFetching }[task];
  return (
    <div aria-live="polite" data-testid={`status-${task}`}>
      {showBusy && busy && (
        <Row role="status">
          {busy.total ? (
            <Field label={`${label} ${busy.done ?? 0} ${t.progress} ${busy.total}`} className={c.progress}>
              <ProgressBar value={(busy.done ?? 0) / busy.total} />
            </Field>
          ) : (
            <Spinner size="tiny" label={label} />
          )}
        </Row>
      )}
      {s.error && s.lastTask === task && (
        <MessageBar intent="error">
          <MessageBarBody>{s.error}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
