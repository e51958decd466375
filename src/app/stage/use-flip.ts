/**
 * FLIP (First, Last, Invert, Play) for rows that change places: after each render, a row whose
 * position changed is drawn at its old place and slides to the new one with a transform (on
 * the compositor: no layout per frame). Nothing moves for a screen that asks for reduced motion.
 */

import { type RefObject, useLayoutEffect, useRef, useSyncExternalStore } from 'react';

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

function subscribeMotion(onChange: () => void): () => void {
  const query = window.matchMedia?.(REDUCED_MOTION);
  query?.addEventListener?.('change', onChange);
  return () => query?.removeEventListener?.('change', onChange);
}

export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribeMotion,
    () => window.matchMedia?.(REDUCED_MOTION).matches ?? false,
    () => false,
  );
}

const FLIP_MS = 700;

/** Animates the children of `container` marked `data-flip-key` whenever `version` changes. */
export function useFlip(container: RefObject<HTMLElement | null>, version: string, reduced: boolean): void {
  const previous = useRef(new Map<string, number>());
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is what says the rows moved.
  useLayoutEffect(() => {
    const rows = container.current?.querySelectorAll<HTMLElement>('[data-flip-key]') ?? [];
    const next = new Map<string, number>();
    for (const row of rows) {
      const key = row.dataset.flipKey as string;
      const top = row.offsetTop;
      next.set(key, top);
      const before = previous.current.get(key);
      if (reduced || typeof row.animate !== 'function') continue;
      if (before === undefined) {
        row.animate([{ opacity: 0 }, { opacity: 1 }], { duration: FLIP_MS, easing: 'ease-out' });
      } else if (before !== top) {
        row.animate([{ transform: `translateY(${before - top}px)` }, { transform: 'translateY(0)' }], {
          duration: FLIP_MS,
          easing: 'cubic-bezier(0.2, 0.8, 0.2, 1)',
        });
      }
    }
    previous.current = next;
  }, [version, reduced]);
}
