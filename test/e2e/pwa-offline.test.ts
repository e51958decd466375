// The offline promise, end to end against the real venue server: a tablet opens every role's
// page, the service worker installs and precaches the app (installable, as Chromium says); the
// network goes (context.setOffline); every route still loads from the service worker and shows
// its real content; the judge scores a contestant offline; back online, the outbox empties and
// the marks reach the organizer's laptop through the server.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompetition } from '../../src/db/competitions';
import { importRoster } from '../../src/db/roster';
import { createRound } from '../../src/db/rounds';
import type { Id } from '../../src/domain/model';
import { CHROMIUM_ARGS, CHROMIUM_PATH, RESULTS_DIR } from './harness';
import { type NodeDevice, nodeDevice } from './node-device';
import { startVenueProcess, type VenueProcess } from './venue-process';

let venue: VenueProcess;
let browser: Browser;
let laptop: NodeDevice;
let context: BrowserContext;
let joinCode: string;
let contestants: { id: Id; name: string }[];

beforeAll(async () => {
  venue = await startVenueProcess({ httpsPort: null });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  // The organizer's laptop claims the server and sets up the round.
  laptop = await nodeDevice('laptop', venue.httpUrl, {
    as: 'organizer',
    claimCode: venue.claimCode as string,
    password: '擂台密码2026',
  });
  const competition = await createCompetition(laptop.db, { name: '2026年擂台比武' });
  const round = await createRound(laptop.db, {
    competitionId: competition.id,
    name: '决赛',
    criteria: [
      { id: 'content', label: '内容', max: 4000 },
      { id: 'speech', label: '语言表达', max: 2000 },
    ],
  });
  const roster = await importRoster(laptop.db, round.id, {
    judges: [{ name: '王评委', title: '' }],
    contestants: [
      { name: '张建国', unit: null, topic: '强村富民' },
      { name: '李秀兰', unit: null, topic: '乡村振兴' },
    ],
  });
  joinCode = (roster.judges[0] as { joinCode: string }).joinCode;
  contestants = roster.contestants;
  await laptop.client.start();
  await laptop.client.syncNow();
  expect(laptop.client.getStatus().pending).toBe(0);
}, 60_000);

afterAll(async () => {
  await context?.close().catch(() => {});
  await browser?.close();
  await laptop?.client.stop();
  await venue?.stop();
  if (venue) await rm(venue.dataDir, { recursive: true, force: true });
});

/** Every role's page, and what shows that its real content rendered (not a blank page). */
const ROUTES: { path: string; title: string; heading: RegExp }[] = [
  { path: '/', title: '擂台 · Leitai 评分系统', heading: /擂台 · Leitai 评分系统/ },
  { path: '/organizer', title: '组织者 · 擂台评分', heading: /赛事列表/ },
  { path: '/judge', title: '评委 · 擂台评分', heading: /.+/ },
  { path: '/stage', title: '主持台 · 擂台评分', heading: /主持台/ },
  { path: '/projector', title: '大屏 · 擂台评分', heading: /.+/ },
  { path: '/results', title: '成绩 · 擂台评分', heading: /.+/ },
];

const statusSummary = (page: Page) => page.locator('.sync-status > summary');
const scoreKey = (page: Page, name: string) =>
  page.getByRole('group', { name: '分数键盘' }).getByRole('button', { name, exact: true });

async function countRows(page: Page, table: 'outbox' | 'marks' | 'drafts'): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('leitai');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).count();
          request.onsuccess = () => {
            resolve(request.result);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    table,
  );
}

async function expectRendered(page: Page, route: (typeof ROUTES)[number]) {
  const heading = page.locator('main h1').first();
  await expect.poll(() => heading.textContent(), { timeout: 15_000 }).toMatch(route.heading);
  expect(await page.title(), route.path).toBe(route.title);
  expect(await page.locator('main').textContent(), route.path).not.toBe('加载中…');
}

describe('offline-first', () => {
  it('works with no network once opened: every route reloads, a judge scores, and it all syncs', async () => {
    context = await browser.newContext({
      baseURL: venue.httpUrl,
      viewport: { width: 1024, height: 768 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    // Online: open the app and wait for the service worker (it precaches while installing).
    await page.goto('/');
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${venue.httpUrl}/`);
    // Installable, as Chromium judges it (the manifest, its icons, the service worker).
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    // A test browser context is incognito, where nothing installs; nothing else may be missing.
    expect(installabilityErrors.map((error) => error.errorId).filter((id) => id !== 'in-incognito')).toEqual(
      [],
    );
    const { errors: manifestErrors } = await cdp.send('Page.getAppManifest');
    expect(manifestErrors).toEqual([]);

    // The judge joins with the code of the judge's QR code; the round comes from the server.
    await page.goto(`/judge?code=${joinCode}`);
    await page.getByRole('button', { name: '是我，开始评分' }).click();
    await page.getByRole('heading', { level: 1, name: '王评委' }).waitFor();
    for (const route of ROUTES) {
      await page.goto(route.path);
      await expectRendered(page, route);
    }

    // Offline: every route loads from the service worker and renders its content.
    await context.setOffline(true);
    for (const route of ROUTES) {
      const response = await page.goto(route.path);
      expect(response?.fromServiceWorker(), `${route.path} from the service worker`).toBe(true);
      await expectRendered(page, route);
      await page.screenshot({ path: join(RESULTS_DIR, `pwa-offline${route.path.replace('/', '-')}.png`) });
    }
    // A reload too, not only a navigation.
    await page.goto('/judge');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '王评委' }).waitFor();

    // Offline, the judge scores 张建国 on the keypad: saved on the tablet, waiting to be sent.
    await expect.poll(() => statusSummary(page).textContent(), { timeout: 15_000 }).toContain('离线');
    const list = page.getByRole('navigation', { name: '选手（出场顺序）' });
    await list.getByRole('button', { name: /张建国/ }).click();
    await page.getByRole('heading', { level: 2, name: /张建国/ }).waitFor();
    for (const [typed, label] of [
      ['36.5', '内容'],
      ['18', '语言表达'],
    ] as const) {
      await page.getByRole('button', { name: new RegExp(`^${label}：`) }).click();
      for (const character of typed) await scoreKey(page, character === '.' ? '小数点' : character).click();
      await scoreKey(page, '确定 下一项').click();
    }
    await page.getByRole('button', { name: '提交评分表' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认提交' }).click();
    await page.getByText('已提交，评分表已锁定').waitFor();
    await expect.poll(() => statusSummary(page).textContent()).toMatch(/待发送 \d+ 条/);
    expect(await countRows(page, 'outbox')).toBeGreaterThan(0);
    await page.screenshot({ path: join(RESULTS_DIR, 'pwa-offline-scored.png') });

    // Back online: the outbox empties, and the marks are on the organizer's laptop.
    await context.setOffline(false);
    await expect.poll(() => statusSummary(page).textContent(), { timeout: 20_000 }).toContain('已同步');
    expect(await countRows(page, 'outbox')).toBe(0);
    await laptop.client.syncNow();
    const zhang = contestants.find((contestant) => contestant.name === '张建国') as { id: Id };
    await expect
      .poll(
        async () => {
          await laptop.client.syncNow();
          const marks = await laptop.db.marks.toArray();
          return marks
            .filter((mark) => mark.contestantId === zhang.id)
            .map((mark) => `${mark.criterionId}=${mark.value}`)
            .sort();
        },
        { timeout: 20_000 },
      )
      .toEqual(['content=3650', 'speech=1800']);
    const sheets = await laptop.db.sheets.toArray();
    expect(sheets.find((sheet) => sheet.contestantId === zhang.id)?.status).toBe('submitted');
    expect(errors).toEqual([]);
  }, 180_000);
});
