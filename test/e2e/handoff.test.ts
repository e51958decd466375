// 离线交接 in real Chromium against the real venue server: a judge's tablet signs a sheet while
// offline and shows it as QR codes; the host console is fed screenshots of those codes (its
// photo import, the paper fallback's path) and the sheet appears signed on the host (its panel's
// "1/1 已签名", checked against the tablet's registered key); back online, the tablet's own push
// is acknowledged as duplicates and the host still sees one signed sheet, no mark or event doubled.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createCompetition } from '../../src/db/competitions';
import { importRoster } from '../../src/db/roster';
import { createRound } from '../../src/db/rounds';
import { PROTOCOL_VERSION } from '../../src/sync/protocol';
import { loginAsOrganizer } from '../../src/sync/session';
import { RESULTS_DIR } from './harness';
import { nodeDevice } from './node-device';
import { claimOnHostConsole, venueWithChromium } from './venue-browser';
import { until } from './waiting';

const PASSWORD = '擂台密码2026';

const rig = venueWithChromium();
const { openContext } = rig;

const statusSummary = (page: Page) => page.locator('.sync-status > summary');
const scoreKey = (page: Page, name: string) =>
  page.getByRole('group', { name: '分数键盘' }).getByRole('button', { name, exact: true });

/** The rows of one IndexedDB store of the page, read straight, not through the app. */
function rowsInIndexedDb<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('leitai');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => {
            resolve(request.result as T[]);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}

/**
 * Waits until the page has loaded these lazy parts of its own accord (the tablet preloads them
 * once idle, a moment after the sheet shows): with no service worker here to cache them, a part
 * still on its way when the Wi-Fi goes could not load. Importing a chunk the page has fetched
 * awaits the page's own load of it and its dependencies; it fetches nothing new.
 */
async function loadedWhileOnline(page: Page, parts: readonly string[]): Promise<void> {
  const chunkUrls = () =>
    page.evaluate(
      (names) =>
        names.map(
          (name) =>
            performance
              .getEntriesByType('resource')
              .map((entry) => entry.name)
              .find((url) => new URL(url).pathname.startsWith(`/assets/${name}-`)) ?? null,
        ),
      parts,
    );
  await until(
    async () => (await chunkUrls()).every((url) => url !== null),
    () => `the tablet to preload ${parts.join(', ')}`,
    { timeoutMs: 90_000 },
  );
  // As a string: vitest would rewrite an import() written in the test's own code.
  for (const url of await chunkUrls()) await page.evaluate(`import(${JSON.stringify(url)}).then(() => true)`);
}

async function serverHead(): Promise<number> {
  const reply = await fetch(`${rig.venue.httpUrl}/api/v1/hello`, {
    headers: { 'leitai-protocol': String(PROTOCOL_VERSION) },
  });
  return ((await reply.json()) as { head: number }).head;
}

describe('离线交接', () => {
  it('a sheet signed offline reaches the host through its QR codes, and the later push doubles nothing', async () => {
    const host = await openContext('host');
    await claimOnHostConsole(host.page, rig.venue, PASSWORD);
    await expect.poll(() => statusSummary(host.page).textContent(), { timeout: 90_000 }).toContain('在线');

    const laptop = await nodeDevice('laptop', rig.venue.httpUrl, {
      as: 'projector',
      code: rig.venue.projectorCode,
    });
    await loginAsOrganizer(laptop.db, laptop.transport, PASSWORD);
    await laptop.client.sessionChanged();
    const competition = await createCompetition(laptop.db, { name: '2026年擂台比武' });
    const criteria = ['内容', '形象', '语言', '结构', '印象'].map((label, at) => ({
      id: `c${at + 1}`,
      label,
      max: 2000,
    }));
    const round = await createRound(laptop.db, { competitionId: competition.id, name: '决赛', criteria });
    const { judges } = await importRoster(laptop.db, round.id, {
      judges: [{ name: '王评委', title: '' }],
      contestants: [{ name: '张三', unit: null, topic: '' }],
    });
    await laptop.client.start();
    await laptop.client.syncNow();
    await laptop.client.stop();

    const judge = await openContext('judge');
    await judge.page.goto(`/judge?code=${(judges[0] as { joinCode: string }).joinCode}`);
    await judge.page.getByRole('button', { name: '是我，开始评分' }).click();
    await judge.page.getByRole('heading', { level: 1, name: '王评委' }).waitFor();
    // Joined online: the tablet's key is registered with the server before the Wi-Fi goes.
    await expect.poll(() => statusSummary(judge.page).textContent(), { timeout: 90_000 }).toContain('已同步');

    // The sheet opens while online (without a service worker, its parts load only then).
    await judge.page
      .getByRole('navigation', { name: '选手（出场顺序）' })
      .getByRole('button', { name: /张三/ })
      .click();
    await judge.page.getByRole('heading', { level: 2, name: /张三/ }).waitFor();
    await loadedWhileOnline(judge.page, ['SubmitDialog', 'HandoffDialog']);
    await judge.context.setOffline(true);
    await expect.poll(() => statusSummary(judge.page).textContent(), { timeout: 90_000 }).toContain('离线');
    for (const _criterion of criteria) {
      await scoreKey(judge.page, '1').click();
      await scoreKey(judge.page, '5').click();
      await scoreKey(judge.page, '确定 下一项').click();
    }
    await judge.page.getByRole('button', { name: '提交评分表' }).click();
    await judge.page.getByRole('button', { name: '确认提交' }).click();
    await judge.page.getByRole('button', { name: '离线交接' }).click();
    const qr = judge.page.getByTestId('handoff-qr');
    await qr.waitFor();
    const frames = Number(await qr.getAttribute('data-frames'));
    const shots = new Map<number, string>();
    // The codes cycle: screenshot each frame as it comes round.
    while (shots.size < frames) {
      const at = Number(await qr.getAttribute('data-frame'));
      if (!shots.has(at)) {
        const path = join(RESULTS_DIR, `handoff-frame-${at + 1}.png`);
        await qr.screenshot({ path });
        // Still the same frame once the picture is taken, else take it on its next turn.
        if (Number(await qr.getAttribute('data-frame')) === at) shots.set(at, path);
      }
    }
    await judge.page.screenshot({ path: join(RESULTS_DIR, 'handoff-judge.png') });

    const headBefore = await serverHead();
    await host.page.goto(`/stage?round=${round.id}`);
    await host.page.getByRole('heading', { name: '扫码接收' }).waitFor();
    await host.page.getByTestId('handoff-images').setInputFiles([...shots.values()]);
    await expect
      .poll(() => host.page.getByTestId('handoff-status').textContent(), { timeout: 90_000 })
      .toContain(`新记录 ${criteria.length + 1} 条`);
    // The sheet appears signed on the host: with 张三 in focus, the progress panel counts 王评委's
    // sheet submitted and signed (the console verified it against the tablet's registered key),
    // and the judge's row carries no signature warning (未签名, 签名无效, 签名后被改动).
    await host.page.locator('.host-queue__who', { hasText: '张三' }).click();
    const panel = host.page.getByRole('region', { name: '评委评分进度' });
    await expect
      .poll(() => panel.locator('.host-panel__signed').textContent(), { timeout: 90_000 })
      .toBe('1/1 已签名');
    const judgeChips = () =>
      panel.locator('.host-judge', { hasText: '王评委' }).locator('.host-chip').allTextContents();
    expect(await panel.locator('.host-judge').count()).toBe(1);
    expect(await judgeChips()).toEqual(['已提交']);
    await host.page.screenshot({ path: join(RESULTS_DIR, 'handoff-host.png'), fullPage: true });
    expect(await rowsInIndexedDb(host.page, 'marks')).toHaveLength(criteria.length);
    const headAfterHandoff = await serverHead();
    expect(headAfterHandoff).toBeGreaterThan(headBefore);

    // Back online: the tablet's push is acknowledged as duplicates; nothing new on the server.
    await judge.context.setOffline(false);
    await expect.poll(() => statusSummary(judge.page).textContent(), { timeout: 90_000 }).toContain('已同步');
    expect(await serverHead()).toBe(headAfterHandoff);
    // What the host sees has not moved: one sheet of 王评委, still submitted and signed.
    expect(await panel.locator('.host-panel__signed').textContent()).toBe('1/1 已签名');
    expect(await panel.locator('.host-panel__summary').first().textContent()).toBe('已提交 1 / 1');
    expect(await judgeChips()).toEqual(['已提交']);
    const hostEvents = await rowsInIndexedDb<{ id: string; type: string }>(host.page, 'events');
    expect(hostEvents.filter((event) => event.type === 'mark.set')).toHaveLength(criteria.length);
    expect(hostEvents.filter((event) => event.type === 'sheet.submit')).toHaveLength(1);
    expect(await rowsInIndexedDb(host.page, 'marks')).toHaveLength(criteria.length);
  }, 180_000);
});
