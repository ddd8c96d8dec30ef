import { Button, Field, makeStyles, MessageBar, MessageBarBody, ProgressBar, Spinner } from '@fluentui/react-components';
import * as React from 'react';
import { useEffect, useRef } from 'react';
import type { Controller, Task } from '../controller';
import { Row } from './Section';
import { useDelayed, usePane } from './usePane';

const useStyles = makeStyles({ progress: { width: '100%' } });

/**
 * The progress and the error of one action, next to the button that started
 * it (at 350 px a status at the top of the pane is off-screen), with
 * "Avbryt" where the host can end it. Announced politely to screen readers.
 * When the action ends, focus goes to its result (an element marked
 * `data-result-of`) or its error: the button was disabled meanwhile and lost it.
 */
export function TaskStatus({ controller, task }: { controller: Controller; task: Task }) {
  const { s, t } = usePane(controller);
  const c = useStyles();
  const busy = s.busy?.task === task ? s.busy : null;
  const showBusy = useDelayed(busy !== null);
  const ref = useRef<HTMLDivElement>(null);
  const wasBusy = useRef(false);
  useEffect(() => {
    if (busy) {
      wasBusy.current = true;
      return;
    }
    if (!wasBusy.current) return;
    wasBusy.current = false;
    const active = document.activeElement;
    const section = ref.current?.closest('section');
    // Only when the focus was lost (or is still in this section): never pull it away from where the user went.
    if (active && active !== document.body && !section?.contains(active)) return;
    const result = document.querySelector<HTMLElement>(`[data-result-of="${task}"]`);
    (result ?? (ref.current?.querySelector<HTMLElement>('[data-error]') || null))?.focus();
  }, [busy, task]);
  const label = { validate: t.validating, allocate: t.allocating, distribute: t.distributing, template: t.templating, followUp: t.followingUp, population: t.scbFetching }[task];
  return (
    <div aria-live="polite" data-testid={`status-${task}`} ref={ref}>
      {showBusy && busy && (
        <Row role="status">
          {busy.total ? (
            <Field label={`${label} ${busy.done ?? 0} ${t.progress} ${busy.total}`} className={c.progress}>
              <ProgressBar value={(busy.done ?? 0) / busy.total} />
            </Field>
          ) : (
            <Spinner size="tiny" label={label} />
          )}
          {controller.canCancel && <Button onClick={() => void controller.cancel()}>{t.cancel}</Button>}
        </Row>
      )}
      {s.error && s.lastTask === task && (
        <MessageBar intent="error" data-error tabIndex={-1}>
          <MessageBarBody>{s.error}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
