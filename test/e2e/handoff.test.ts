// 离线交接 in real Chromium against the real venue server: a judge's tablet signs a sheet while
// offline and shows it as QR codes; the host console is fed screenshots of those codes (its
// photo import, the paper fallback's path) and the sheet appears signed on the host (its panel's
// "1/1 已签名", checked against the tablet's registered key); back online, the tablet's own push
// is acknowledged as duplicates and the host still sees one signed sheet, no mark or event doubled.
// The paper fallback: the organizer prints the judges' sheets, whose QR codes carry each judge's
// signed sheets; the printed pages, as photos, relayed by the host, are all already on the server.
import { execFileSync } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
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

async function serverHead(): Promise<number> {
  const reply = await fetch(`${rig.venue.httpUrl}/api/v1/hello`, {
    headers: { 'leitai-protocol': String(PROTOCOL_VERSION) },
  });
  return ((await reply.json()) as { head: number }).head;
}

const criteria = ['内容', '形象', '语言', '结构', '印象'].map((label, at) => ({
  id: `c${at + 1}`,
  label,
  max: 2000,
}));

let hostPage: Page | null = null;

/** The host console, the venue claimed and the organizer logged in there (once for the file). */
async function claimedHost(): Promise<Page> {
  if (hostPage) return hostPage;
  const { page } = await openContext('host');
  await claimOnHostConsole(page, rig.venue, PASSWORD);
  await expect.poll(() => statusSummary(page).textContent(), { timeout: 90_000 }).toContain('在线');
  hostPage = page;
  return page;
}

/** A competition with a 5-criterion round, set up on a laptop (the organizer) and pushed to the server. */
async function roundOnServer(name: string, judgeNames: string[], contestantNames: string[]) {
  const laptop = await nodeDevice(`laptop-${name}`, rig.venue.httpUrl, {
    as: 'projector',
    code: rig.venue.projectorCode,
  });
  await loginAsOrganizer(laptop.db, laptop.transport, PASSWORD);
  await laptop.client.sessionChanged();
  const competition = await createCompetition(laptop.db, { name });
  const round = await createRound(laptop.db, { competitionId: competition.id, name: '决赛', criteria });
  const { judges } = await importRoster(laptop.db, round.id, {
    judges: judgeNames.map((judge) => ({ name: judge, title: '' })),
    contestants: contestantNames.map((contestant) => ({ name: contestant, unit: null, topic: '' })),
  });
  await laptop.client.start();
  await laptop.client.syncNow();
  await laptop.client.stop();
  return { competition, round, judges: judges as { name: string; joinCode: string }[] };
}

/** A judge's tablet joined online: its key is registered with the server. */
async function joinedTablet(judge: { name: string; joinCode: string }) {
  const tablet = await openContext(`judge ${judge.name}`);
  await tablet.page.goto(`/judge?code=${judge.joinCode}`);
  await tablet.page.getByRole('button', { name: '是我，开始评分' }).click();
  await tablet.page.getByRole('heading', { level: 1, name: judge.name }).waitFor();
  await expect.poll(() => statusSummary(tablet.page).textContent(), { timeout: 90_000 }).toContain('已同步');
  return tablet;
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

/** Opens a contestant's sheet on the tablet (while online: its parts load only then without a service worker). */
async function openSheet(page: Page, contestant: string): Promise<void> {
  // An open sheet fills the tablet's screen: back to the list first.
  const toList = page.getByRole('button', { name: '‹ 选手列表' });
  if (await toList.isVisible()) await toList.click();
  await page
    .getByRole('navigation', { name: '选手（出场顺序）' })
    .getByRole('button', { name: new RegExp(contestant) })
    .click();
  await page.getByRole('heading', { level: 2, name: new RegExp(contestant) }).waitFor();
}

/** Marks every criterion of the open sheet 15 and submits it, signed. */
async function markAndSubmit(page: Page): Promise<void> {
  for (const _criterion of criteria) {
    await scoreKey(page, '1').click();
    await scoreKey(page, '5').click();
    await scoreKey(page, '确定 下一项').click();
  }
  await page.getByRole('button', { name: '提交评分表' }).click();
  await page.getByRole('button', { name: '确认提交' }).click();
  await page.getByText('已提交，评分表已锁定').waitFor();
}

describe('离线交接', () => {
  it('a sheet signed offline reaches the host through its QR codes, and the later push doubles nothing', async () => {
    const host = await claimedHost();
    const { round, judges } = await roundOnServer('2026年擂台比武', ['王评委'], ['张三']);
    const judge = await joinedTablet(judges[0] as { name: string; joinCode: string });
    await openSheet(judge.page, '张三');
    await loadedWhileOnline(judge.page, ['SubmitDialog', 'HandoffDialog']);
    await judge.context.setOffline(true);
    await expect.poll(() => statusSummary(judge.page).textContent(), { timeout: 90_000 }).toContain('离线');
    await markAndSubmit(judge.page);
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
    await host.goto(`/stage?round=${round.id}`);
    await host.getByRole('heading', { name: '扫码接收' }).waitFor();
    await host.getByTestId('handoff-images').setInputFiles([...shots.values()]);
    await expect
      .poll(() => host.getByTestId('handoff-status').textContent(), { timeout: 90_000 })
      .toContain(`新记录 ${criteria.length + 1} 条`);
    // The sheet appears signed on the host: with 张三 in focus, the progress panel counts 王评委's
    // sheet submitted and signed (the console verified it against the tablet's registered key),
    // and the judge's row carries no signature warning (未签名, 签名无效, 签名后被改动).
    await host.locator('.host-queue__who', { hasText: '张三' }).click();
    const panel = host.getByRole('region', { name: '评委评分进度' });
    await expect
      .poll(() => panel.locator('.host-panel__signed').textContent(), { timeout: 90_000 })
      .toBe('1/1 已签名');
    const judgeChips = () =>
      panel.locator('.host-judge', { hasText: '王评委' }).locator('.host-chip').allTextContents();
    expect(await panel.locator('.host-judge').count()).toBe(1);
    expect(await judgeChips()).toEqual(['已提交']);
    await host.screenshot({ path: join(RESULTS_DIR, 'handoff-host.png'), fullPage: true });
    expect(await rowsInIndexedDb(host, 'marks')).toHaveLength(criteria.length);
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
    const hostEvents = await rowsInIndexedDb<{ id: string; type: string }>(host, 'events');
    expect(hostEvents.filter((event) => event.type === 'mark.set')).toHaveLength(criteria.length);
    expect(hostEvents.filter((event) => event.type === 'sheet.submit')).toHaveLength(1);
    expect(await rowsInIndexedDb(host, 'marks')).toHaveLength(criteria.length);
  }, 180_000);

  it('a photo of the printed judges’ sheets carries the signed sheets: relayed, the server has them all already', async () => {
    const host = await claimedHost();
    const contestants = ['刘一', '陈二'];
    const { competition, round, judges } = await roundOnServer(
      '2026年擂台比武·纸面',
      ['孙评委', '周评委'],
      contestants,
    );
    // 孙评委 signs both sheets online; 周评委 signs nothing.
    const judge = await joinedTablet(judges[0] as { name: string; joinCode: string });
    for (const contestant of contestants) {
      await openSheet(judge.page, contestant);
      await markAndSubmit(judge.page);
    }
    await expect.poll(() => statusSummary(judge.page).textContent(), { timeout: 90_000 }).toContain('已同步');
    const relayed = contestants.length * (criteria.length + 1);

    // The organizer prints the judges' sheets on the host laptop, once its log has the sheets.
    await host.goto(`/results?competition=${competition.id}&round=${round.id}&print=judges`);
    const notes = host.locator('.print-handoff__note');
    await expect
      .poll(async () => (await notes.allTextContents()).join(' | '), { timeout: 90_000 })
      .toBe(
        '离线交接码：该评委已签名的 2 份评分表。服务器丢失记录时，在主控台“扫码接收”中导入本页照片即可补交。 | ' +
          '离线交接码：该评委本轮没有已签名的评分表。',
      );
    const codes = host.getByTestId('printed-handoff-qr');
    const frames = await codes.count();
    expect(frames).toBeGreaterThan(1);
    expect(await codes.last().locator('figcaption').textContent()).toBe(`${frames}/${frames}`);
    // On paper: the print to PDF, each A4 page a 200 dpi picture, as a phone's photo of it would be.
    const pdf = join(RESULTS_DIR, 'handoff-printed.pdf');
    await host.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    for (const old of (await readdir(RESULTS_DIR)).filter((file) => file.startsWith('handoff-printed-')))
      await rm(join(RESULTS_DIR, old));
    execFileSync('pdftoppm', ['-png', '-r', '200', pdf, join(RESULTS_DIR, 'handoff-printed')]);
    const photos = (await readdir(RESULTS_DIR))
      .filter((file) => file.startsWith('handoff-printed-') && file.endsWith('.png'))
      .sort()
      .map((file) => join(RESULTS_DIR, file));

    const headBefore = await serverHead();
    await host.goto(`/stage?round=${round.id}`);
    await host.getByRole('heading', { name: '扫码接收' }).waitFor();
    await host.getByTestId('handoff-images').setInputFiles(photos);
    // Without the browser's own QR detector each page photo is searched window by window: many
    // seconds a page on a quiet machine, minutes under the whole suite's load.
    await expect
      .poll(() => host.getByTestId('handoff-status').textContent(), { timeout: 480_000 })
      .toBe(`接收完成：新记录 0 条，已有 ${relayed} 条。`);
    await expect.poll(() => host.locator('.host-handoff [role="alert"]').count()).toBe(0);
    expect(await serverHead()).toBe(headBefore);
  }, 600_000);
});
