import { startTransition, useEffect, useState } from 'react';

/** A hidden page paints no frame: the parts come this long after `ready` all the same. */
const WITHOUT_FRAME_MS = 250;

/**
 * Whether the screen has been painted once with its data (`ready`), for the parts of a page
 * below its first screen. Rendered in the same pass, their chunks would be requested before that
 * screen is painted, and on a slow tablet's network every request then delays it (the largest
 * paint that test/budgets measures); a moment later they cost the first screen nothing.
 */
export function usePaintedOnce(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    // A transition: the parts render in slices between which the page answers a tap, not in one
    // long task (the blocking time test/budgets measures).
    const done = () => startTransition(() => setPainted(true));
    // The animation frame runs before the frame that shows `ready` is painted; a task queued
    // from it runs after that paint.
    let afterFrame: number | undefined;
    const frame = window.requestAnimationFrame(() => {
      afterFrame = window.setTimeout(done, 0);
    });
    const fallback = window.setTimeout(done, WITHOUT_FRAME_MS);
    return () => {
      window.cancelAnimationFrame(frame);
      window.clearTimeout(afterFrame);
      window.clearTimeout(fallback);
    };
  }, [ready, painted]);
  return painted;
}
