import { registerCommands } from '../../src/excel/commands';
import type { Controller } from '../../src/taskpane/controller';

describe('the ribbon command', () => {
  it('is associated at once, before the controller exists, and its handler waits for it', async () => {
    const handlers = new Map<string, (e: { completed: () => void }) => Promise<void>>();
    const shown: string[] = [];
    (globalThis as unknown as { Office: unknown }).Office = {
      actions: { associate: (id: string, f: (e: { completed: () => void }) => Promise<void>) => handlers.set(id, f) },
      addin: { showAsTaskpane: async () => void shown.push('pane') },
    };
    let resolve: (c: Controller) => void = () => undefined;
    const controller = new Promise<Controller>((r) => (resolve = r));
    registerCommands(controller);
    expect([...handlers.keys()]).toEqual(['validateBudget']);
    let completed = false;
    const validated: string[] = [];
    const click = handlers.get('validateBudget')!({ completed: () => (completed = true) });
    await Promise.resolve();
    expect(completed).toBe(false);
    resolve({ validate: async () => void validated.push('validate') } as unknown as Controller);
    await click;
    expect([validated, shown, completed]).toEqual([['validate'], ['pane'], true]);
  });
});
