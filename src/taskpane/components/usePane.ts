import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Controller } from '../controller';
import { UI } from '../i18n';

/** The pane's state and its texts in the chosen language. */
export function usePane(controller: Controller) {
  const s = useSyncExternalStore(controller.subscribe, controller.getState);
  return { s, t: UI[s.lang] };
}

/** True only for work that has taken more than `ms` (no spinner flashes on quick work). */
export function useDelayed(active: boolean, ms = 500): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!active) return;
    const t = setTimeout(() => setShown(true), ms);
    return () => {
      clearTimeout(t);
      setShown(false);
    };
  }, [active, ms]);
  return active && shown;
}
