import { makeStyles, mergeClasses, Subtitle2, tokens } from '@fluentui/react-components';
import * as React from 'react';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  first: { borderTopStyle: 'none', paddingTop: 0 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
});

/** A titled part of the pane: a landmark with its heading. */
export function Section({ id, title, children, first }: { id: string; title: string; children: React.ReactNode; first?: boolean }) {
  const c = useStyles();
  return (
    <section className={mergeClasses(c.section, first && c.first)} aria-labelledby={id}>
      <Subtitle2 as="h2" id={id}>
        {title}
      </Subtitle2>
      {children}
    </section>
  );
}

/** A row of buttons (or a status), wrapping at the pane's narrow width. */
export function Row({ children, role }: { children: React.ReactNode; role?: string }) {
  const c = useStyles();
  return (
    <div className={c.row} role={role}>
      {children}
    </div>
  );
}
