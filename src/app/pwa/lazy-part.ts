import { type ComponentType, createElement, lazy } from 'react';
import { loadArea, type MessageArea } from '../i18n/areas';
import { useT } from '../i18n/useT';
import { whenIdle } from './when-idle';

/**
 * A part of a page in a chunk of its own, loaded with the message areas it uses beyond its
 * page's (src/app/i18n/areas.ts), so that the page's first screen does not carry it (the
 * initial JavaScript budget, test/budgets). `preload()` fetches it ahead of need: once loaded,
 * `Part` renders at once instead of suspending (React would show the fallback for 300 ms).
 *
 * Keep the call as `lazyPart([areas], () => import('…')…)`: the areas test and the budget
 * script read it from the source.
 */
export function lazyPart<Props extends object>(
  areas: readonly MessageArea[],
  load: () => Promise<ComponentType<Props>>,
): { Part: ComponentType<Props>; preload: () => Promise<void> } {
  let loaded: ComponentType<Props> | null = null;
  const loadAll = () =>
    Promise.all([load(), ...areas.map(loadArea)]).then(([component]) => {
      loaded = component;
      return { default: component };
    });
  // A part that cannot load (offline on plain http, before it was preloaded) says so in its
  // place, rather than failing the whole page; shown again later, it tries again.
  const lazyOnce = () =>
    lazy(() =>
      loadAll().catch((error: unknown) => {
        console.error('A part of the page could not be loaded', error);
        LazyPart = lazyOnce();
        return { default: PartUnavailable };
      }),
    );
  let LazyPart = lazyOnce();
  const Part = (props: Props) => createElement((loaded ?? LazyPart) as ComponentType<Props>, props);
  return {
    Part,
    preload: () => loadAll().then(() => undefined),
  };
}

function PartUnavailable() {
  const t = useT();
  return createElement('p', { className: 'part-unavailable', role: 'alert' }, t('app.partUnavailable'));
}

interface Preloadable {
  preload: () => Promise<void>;
}

/**
 * Preloads parts that are not on the first screen (whenIdle): a second later they are there all
 * the same before anyone opens them. A failure (offline without a cache) is left for the part
 * itself: it loads again when shown, and says so if it cannot.
 */
export function preloadWhenIdle(...parts: Preloadable[]): void {
  whenIdle(() => {
    for (const part of parts) part.preload().catch(() => undefined);
  });
}
