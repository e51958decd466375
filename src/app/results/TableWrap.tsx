import type { ReactNode } from 'react';

/**
 * A wide table that scrolls sideways on a narrow screen: a named region that takes the focus,
 * so the keyboard can scroll it too.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="results-table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
