import type { Controller } from '../taskpane/controller';

/**
 * Ribbon commands. Under the shared runtime they run in the task pane's page,
 * so "Validera budget" uses the pane's own controller and then shows the pane.
 *
 * The handler is associated as soon as this runs, at the page's load, not
 * after the pane's asynchronous start-up: a click that comes first would
 * otherwise find no handler and need a second click. The handler waits for
 * the controller instead.
 */
export function registerCommands(controller: Promise<Controller>): void {
  if (typeof Office === 'undefined' || !Office.actions) return;
  Office.actions.associate('validateBudget', async (event: Office.AddinCommands.Event) => {
    try {
      await (await controller).validate();
      await Office.addin.showAsTaskpane();
    } finally {
      event.completed();
    }
  });
}
