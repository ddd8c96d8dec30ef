import type { Controller } from '../taskpane/controller';

/**
 * Ribbon commands. Under the shared runtime they run in the task pane's page,
 * so "Validera budget" uses the pane's own controller and then shows the pane.
 */
export function registerCommands(controller: Controller): void {
  Office.actions.associate('validateBudget', async (event: Office.AddinCommands.Event) => {
    try {
      await controller.validate();
      await Office.addin.showAsTaskpane();
    } finally {
      event.completed();
    }
  });
}
