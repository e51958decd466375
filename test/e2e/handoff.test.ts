// 离线交接 in real Chromium against the real venue server: a judge's tablet signs a sheet while
// offline and shows it as QR codes; the host console is fed screenshots of those codes (its
// photo import, the paper fallback's path) and the sheet reaches the server signed; back online,
// the tablet's own push is acknowledged as duplicates and no mark or event is doubled.
// The paper fallback: the organizer prints the judges' sheets, whose QR codes carry each judge's
// signed sheets; the printed pages, as photos, relayed by the host, are all already on the server.
import { execFileSync } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompetition } from '../../src/db/competitions';
import { importRoster } from '../../src/db/roster';
import { createRound } from '../../src/db/rounds';
import { PROTOCOL_VERSION } from '../../src/sync/protocol';
import { loginAsOrganizer } from '../../src/sync/session';
import { CHROMIUM_ARGS, CHROMIUM_PATH, RESULTS_DIR } from './harness';
import { nodeDevice } from './node-device';
import { startVenueProcess, type VenueProcess } from './venue-process';

const PASSWORD = '擂台密码2026';

let venue: VenueProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  venue = await startVenueProcess({ httpsPort: null });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await venue?.stop();
  if (venue) await rm(venue.dataDir, { recursive: true, force: true });
});

async function openContext(name: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: venue.httpUrl,
    viewport: { width: 1024, height: 768 },
    locale: 'zh-CN',
    serviceWorkers: 'block',
  });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${name}] ${error.message}`));
  return { context, page };
}

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
  const reply = await fetch(`${venue.httpUrl}/api/v1/hello`, {
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
  await page.goto('/stage');
  await statusSummary(page).click();
  await page.getByLabel('认领码（场馆服务器终端上显示的 8 位数字）').fill(venue.claimCode as string);
  await page.getByLabel('设置组织者密码（至少 6 个字符）').fill(PASSWORD);
  await page.getByRole('button', { name: '认领并登录' }).click();
  await expect.poll(() => statusSummary(page).textContent(), { timeout: 90_000 }).toContain('在线');
  hostPage = page;
  return page;
}

/** A competition with a 5-criterion round, set up on a laptop (the organizer) and pushed to the server. */
async function roundOnServer(name: string, judgeNames: string[], contestantNames: string[]) {
  const laptop = await nodeDevice(`laptop-${name}`, venue.httpUrl, {
    as: 'projector',
    code: venue.projectorCode,
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

/** Whether the page has fetched the chunk of one of its lazy parts (named after its module). */
function fetchedChunk(page: Page, module: string): Promise<boolean> {
  return page.evaluate(
    (name) =>
      performance
        .getEntriesByType('resource')
        .some(
          (entry) =>
            new RegExp(`/assets/${name}-[\\w-]+\\.js$`).test(entry.name) &&
            (entry as PerformanceResourceTiming).responseEnd > 0,
        ),
    module,
  );
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
    // The submit dialog, which the sheet loads once the page is idle, is in before the Wi-Fi goes.
    await expect.poll(() => fetchedChunk(judge.page, 'SubmitDialog'), { timeout: 90_000 }).toBe(true);
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
    // The sheet is on the host, signed: the panel's count of signed sheets says so.
    await expect
      .poll(async () => (await rowsInIndexedDb<{ value: number }>(host, 'marks')).length, {
        timeout: 90_000,
      })
      .toBe(criteria.length);
    await host.screenshot({ path: join(RESULTS_DIR, 'handoff-host-received.png'), fullPage: true });
    // The submission reached the host with the judge's signature (the server admitted it only
    // because that signature verifies against the tablet's registered key).
    const submits = (
      await rowsInIndexedDb<{ type: string; payload: { signature?: unknown } }>(host, 'events')
    ).filter((event) => event.type === 'sheet.submit');
    expect(submits.map((event) => event.payload.signature !== undefined)).toEqual([true]);
    await host.screenshot({ path: join(RESULTS_DIR, 'handoff-host.png'), fullPage: true });
    const headAfterHandoff = await serverHead();
    expect(headAfterHandoff).toBeGreaterThan(headBefore);

    // Back online: the tablet's push is acknowledged as duplicates; nothing new on the server.
    await judge.context.setOffline(false);
    await expect.poll(() => statusSummary(judge.page).textContent(), { timeout: 90_000 }).toContain('已同步');
    expect(await serverHead()).toBe(headAfterHandoff);
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
    await expect
      .poll(() => host.getByTestId('handoff-status').textContent(), { timeout: 180_000 })
      .toBe(`接收完成：新记录 0 条，已有 ${relayed} 条。`);
    await expect.poll(() => host.locator('.host-handoff [role="alert"]').count()).toBe(0);
    expect(await serverHead()).toBe(headBefore);
  }, 300_000);
});
