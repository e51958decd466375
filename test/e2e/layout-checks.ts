// What a screen must satisfy at every size a venue uses (issue 12): nothing visible overflows
// the viewport or its own box, no short label breaks inside a word, and the elements a user
// needs without scrolling (the keypad, the total, 提交, the readout) are inside the viewport.
//
//   const problems = await layoutProblems(page, { required: { keypad: '.keypad', submit: 'text=提交' } });
//   expect(problems).toEqual([]);
//
// The checks run in the page, on what Chromium actually laid out.
import type { Page } from 'playwright-core';
import type { Viewport } from './harness';

export const TABLET_SIZES: readonly Viewport[] = [
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
  { width: 1080, height: 810 },
  { width: 1180, height: 820 },
  { width: 820, height: 1180 },
  { width: 1280, height: 800 },
  { width: 800, height: 1280 },
  { width: 1366, height: 1024 },
];

export const HOST_SIZES: readonly Viewport[] = [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
];

export const PROJECTOR_SIZES: readonly Viewport[] = [
  { width: 1920, height: 1080 },
  { width: 1920, height: 1200 },
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
];

export const sizeName = (size: Viewport): string => `${size.width}x${size.height}`;

export type LayoutProblemKind =
  | 'outside-viewport'
  | 'overflows-box'
  | 'word-broken'
  | 'off-screen'
  | 'missing';

export interface LayoutProblem {
  kind: LayoutProblemKind;
  /** A short description of the element: tag, class and the start of its text. */
  element: string;
  detail: string;
}

export interface LayoutOptions {
  /** name → CSS selector of elements that must be wholly inside the viewport without scrolling. */
  required?: Record<string, string>;
  /**
   * Selectors whose subtree is not checked for overflow (e.g. a list that scrolls by design,
   * whose rows leave its box on purpose). Word breaks are still checked inside them.
   */
  scrollers?: string[];
}

/**
 * Every layout problem on the page as it is now (scrolled to the top). An element counts as
 * visible when it has a box, is not `visibility: hidden`, and no ancestor clips it away.
 */
export async function layoutProblems(page: Page, options: LayoutOptions = {}): Promise<LayoutProblem[]> {
  await page.evaluate(() => window.scrollTo(0, 0));
  return page.evaluate(
    ({ required, scrollers }) => {
      const problems: { kind: LayoutProblemKind; element: string; detail: string }[] = [];
      const viewportWidth = document.documentElement.clientWidth;
      const viewportHeight = window.innerHeight;
      const slack = 1; // sub-pixel rounding

      const describe = (element: Element): string => {
        const classes =
          typeof element.className === 'string' && element.className
            ? `.${element.className.trim().split(/\s+/).join('.')}`
            : '';
        const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 24);
        return `${element.tagName.toLowerCase()}${classes}${text ? ` "${text}"` : ''}`;
      };
      const isShown = (element: Element): boolean => {
        const style = getComputedStyle(element);
        if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0)
          return false;
        const rect = element.getBoundingClientRect();
        return rect.width > 0 && rect.height > 0;
      };
      const inScroller = (element: Element): boolean =>
        scrollers.some((selector) => element.closest(selector) !== null);
      // Screen-reader-only text is clipped to 1px on purpose.
      const isVisuallyHidden = (element: Element): boolean => {
        const style = getComputedStyle(element);
        return (
          style.position === 'absolute' &&
          (style.clip !== 'auto' || style.clipPath !== 'none') &&
          element.getBoundingClientRect().width <= 1
        );
      };

      for (const element of Array.from(document.body.querySelectorAll('*'))) {
        if (!isShown(element) || isVisuallyHidden(element)) continue;
        if (element.closest('[aria-hidden="true"]')) continue;
        const rect = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        if (!inScroller(element)) {
          if (rect.left < -slack || rect.right > viewportWidth + slack) {
            problems.push({
              kind: 'outside-viewport',
              element: describe(element),
              detail: `spans x ${Math.round(rect.left)}..${Math.round(rect.right)} in a ${viewportWidth}px wide viewport`,
            });
          }
          // Content wider or taller than a box that does not scroll is cut or spills over.
          const clipsX = style.overflowX === 'hidden' || style.overflowX === 'clip';
          const clipsY = style.overflowY === 'hidden' || style.overflowY === 'clip';
          const scrollsX = style.overflowX === 'auto' || style.overflowX === 'scroll';
          const scrollsY = style.overflowY === 'auto' || style.overflowY === 'scroll';
          if (element !== document.body && element !== document.documentElement) {
            if (
              !scrollsX &&
              element.scrollWidth > element.clientWidth + slack &&
              element.clientWidth > 0 &&
              (clipsX || element.children.length === 0)
            ) {
              problems.push({
                kind: 'overflows-box',
                element: describe(element),
                detail: `content ${element.scrollWidth}px wide in a ${element.clientWidth}px box${clipsX ? ' (cut)' : ''}`,
              });
            }
            if (
              !scrollsY &&
              clipsY &&
              element.scrollHeight > element.clientHeight + slack &&
              element.clientHeight > 0
            ) {
              problems.push({
                kind: 'overflows-box',
                element: describe(element),
                detail: `content ${element.scrollHeight}px tall in a ${element.clientHeight}px box (cut)`,
              });
            }
          }
        }
      }

      // Word breaks: a short label without spaces (形象风采, PPT制作, 85.50) stays on one line; a
      // Latin word is never split. Longer CJK sentences may wrap anywhere.
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        const parent = node.parentElement;
        if (!parent || !text.trim() || !isShown(parent) || isVisuallyHidden(parent)) continue;
        if (parent.closest('[aria-hidden="true"], script, style, noscript, textarea, input')) continue;
        const lineTops: number[] = [];
        const lineOf: number[] = [];
        for (let index = 0; index < text.length; index++) {
          range.setStart(node, index);
          range.setEnd(node, index + 1);
          const box = range.getClientRects()[0];
          if (!box || box.width === 0) {
            lineOf.push(-1);
            continue;
          }
          let line = lineTops.findIndex((top) => Math.abs(top - box.top) < box.height / 2);
          if (line === -1) {
            lineTops.push(box.top);
            line = lineTops.length - 1;
          }
          lineOf.push(line);
        }
        if (lineTops.length < 2) continue;
        const trimmed = text.trim();
        const shortLabel = !/\s/.test(trimmed) && [...trimmed].length <= 12;
        if (shortLabel) {
          problems.push({
            kind: 'word-broken',
            element: describe(parent),
            detail: `"${trimmed}" breaks over ${lineTops.length} lines`,
          });
          continue;
        }
        for (let index = 1; index < text.length; index++) {
          const before = text[index - 1] as string;
          const after = text[index] as string;
          const brokenHere =
            lineOf[index] !== -1 && lineOf[index - 1] !== -1 && lineOf[index] !== lineOf[index - 1];
          if (brokenHere && /[A-Za-z0-9.,%]/.test(before) && /[A-Za-z0-9.,%]/.test(after)) {
            const start = text.lastIndexOf(' ', index) + 1;
            const end = text.indexOf(' ', index);
            problems.push({
              kind: 'word-broken',
              element: describe(parent),
              detail: `"${text.slice(start, end === -1 ? undefined : end)}" breaks inside the word`,
            });
            break;
          }
        }
      }

      for (const [name, selector] of Object.entries(required)) {
        const element = Array.from(document.querySelectorAll(selector)).find(isShown);
        if (!element) {
          problems.push({ kind: 'missing', element: name, detail: `nothing visible matches ${selector}` });
          continue;
        }
        const rect = element.getBoundingClientRect();
        if (
          rect.top < -slack ||
          rect.left < -slack ||
          rect.bottom > viewportHeight + slack ||
          rect.right > viewportWidth + slack
        ) {
          problems.push({
            kind: 'off-screen',
            element: name,
            detail: `${selector} spans x ${Math.round(rect.left)}..${Math.round(rect.right)}, y ${Math.round(rect.top)}..${Math.round(rect.bottom)} in a ${viewportWidth}×${viewportHeight} viewport`,
          });
        }
      }
      return problems;
    },
    { required: options.required ?? {}, scrollers: options.scrollers ?? [] },
  );
}

/** The problems as one readable block, for an assertion's message. */
export function formatProblems(problems: LayoutProblem[]): string {
  return problems.map((problem) => `${problem.kind}: ${problem.element}: ${problem.detail}`).join('\n');
}
