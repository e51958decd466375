/**
 * Runs work a page can put off (fetching the parts and texts its first screen does not show) once
 * that screen is up. Done as the page mounts, such work competes with the first screen for the
 * network and the main thread: the largest paint and the blocking time that Lighthouse measures
 * (test/budgets). Idleness alone comes too early: the first screen's own reads (IndexedDB) leave
 * the browser idle before it is painted. So the work waits for the page's load event, a moment
 * more, then an idle period (or at most IDLE_TIMEOUT_MS on a busy page).
 */
export function whenIdle(task: () => void): void {
  const idle = () => {
    // A page gone meanwhile (a component test's window torn down) has nothing left to do.
    if (typeof window === 'undefined') return;
    if (typeof window.requestIdleCallback === 'function') {
      window.requestIdleCallback(() => task(), { timeout: IDLE_TIMEOUT_MS });
    } else task();
  };
  const afterLoad = () => window.setTimeout(idle, AFTER_LOAD_MS);
  if (document.readyState === 'complete') afterLoad();
  else window.addEventListener('load', afterLoad, { once: true });
}

/** Long enough for the first screen's data to be read and painted on a slow tablet. */
const AFTER_LOAD_MS = 1000;
/** A busy page still gets the work done, this long after the moment above. */
const IDLE_TIMEOUT_MS = 2000;
