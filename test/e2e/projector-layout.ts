// What the projector layout tests share: the seeded round's contestants and their marks, the projector page
// opened on a seeded database, and the checks of one state at every projector size (PROJECTOR_SIZES).
//
//   const projector = projectorPages(() => h);     // at the top of the file: registers afterEach
//   const page = await projector.open(seeded.roundId, seeded.states.reveal);
//   await projector.checkEverySize(page, 'reveal', { final: '.pj-final__score' });
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, expect } from 'vitest';
import type { Harness, Viewport } from './harness';
import { formatProblems, layoutProblems, PROJECTOR_SIZES, sizeName } from './layout-checks';
import { loadIntoPage, type TableRows } from './seed-browser-db';

/** Long names and units as a real 擂台比武 has them (the unit cut at 4:3 in issue 12). */
export const CONTESTANTS = [
  ['沙哈提别克·吐尔逊', '三工镇下六工村党支部'],
  ['王建国', '榆树沟镇二畦村'],
  ['李秀英', '佃坝镇佃坝村'],
  ['阿依古丽·买买提', '滨湖镇下营盘村党总支'],
  ['张伟', '大西渠镇闽昌村'],
  ['刘洋', '六工镇十三户村'],
  ['陈静', '二六工镇头工村'],
  ['马俊', '阿什里哈萨克民族乡努尔加村'],
  ['杨帆', '庙尔沟乡庙尔沟村'],
  ['赵磊', '硫磺沟镇硫磺沟社区'],
  ['黄敏', '三工镇三工村'],
  ['周强', '榆树沟镇园艺场村'],
  ['吴芳', '北京南路街道福园社区'],
] as const;

/** A judge's marks for a contestant as a share of the max, distinct so that nobody ties. */
export const percentOf = (contestant: number, judge: number) => 70 + ((contestant * 7 + judge * 3) % 29);

export interface ProjectorPages {
  /** The projector page of the round on these tables, reduced motion (the reveal shown complete). */
  open(roundId: string, tables: TableRows): Promise<Page>;
  /**
   * Every size: the layout checks with the state's required elements, the smallest text, and a
   * screenshot test-results/projector-<name>-<size>.png. The problems of all sizes are reported
   * together, and the page must have thrown nothing.
   */
  checkEverySize(page: Page, name: string, required: Record<string, string>): Promise<void>;
}

/** Each projector page in a context of its own, closed after its test. */
export function projectorPages(harness: () => Harness): ProjectorPages {
  const contexts: BrowserContext[] = [];
  const pageErrors = new Map<Page, string[]>();

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  return {
    async open(roundId, tables) {
      const h = harness();
      const context = await h.browser.newContext({
        baseURL: h.baseUrl,
        viewport: PROJECTOR_SIZES[0] as Viewport,
        locale: 'zh-CN',
        reducedMotion: 'reduce',
      });
      contexts.push(context);
      const page = await context.newPage();
      const errors: string[] = [];
      pageErrors.set(page, errors);
      page.on('pageerror', (error) => errors.push(error.message));
      // A projector opened on a round its device does not hold yet (sync still on its way) says
      // so, and shows the round once it arrives: it never crashes into a blank page.
      await page.goto(`/projector?round=${roundId}`);
      await page.getByText('请在主持台选择轮次').waitFor();
      await loadIntoPage(page, tables);
      await page.reload();
      return page;
    },

    async checkEverySize(page, name, required) {
      const found: string[] = [];
      for (const size of PROJECTOR_SIZES) {
        await page.setViewportSize(size);
        const first = Object.values(required)[0] as string;
        await page.locator(first).first().waitFor();
        const problems = await layoutProblems(page, { required });
        if (problems.length > 0) found.push(`${sizeName(size)}:\n${formatProblems(problems)}`);
        const smallest = await smallestText(page);
        if (smallest < 0.035)
          found.push(`${sizeName(size)}: smallest text is ${(smallest * 100).toFixed(1)}% of the height`);
        await harness().screenshot(page, `projector-${name}-${sizeName(size)}`);
      }
      expect(found.join('\n\n')).toBe('');
      expect(pageErrors.get(page)).toEqual([]);
    },
  };
}

/** The smallest visible text on the projector as a share of the screen's height. */
function smallestText(page: Page): Promise<number> {
  return page.evaluate(() => {
    const texts = [...document.querySelectorAll<HTMLElement>('.projector *')].filter(
      (element) =>
        [...element.childNodes].some(
          (node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim(),
        ) &&
        element.getClientRects().length > 0 &&
        getComputedStyle(element).opacity !== '0' &&
        element.closest('[aria-hidden="true"]') === null,
    );
    return Math.min(
      ...texts.map((element) => parseFloat(getComputedStyle(element).fontSize) / window.innerHeight),
    );
  });
}
