// A new version of the app, as a judge's tablet meets it: the service worker of the next build
// installs and waits. Once the keypad is cleared, "新版本可用" appears; while the judge has a mark
// typed and not confirmed, it is not offered and nothing reloads; only the judge's press
// switches to the new version (the page reloads under the new service worker). The test never
// waits for something not to happen: the offer is first seen, then seen to go when a mark is typed.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeitaiDB } from '../../src/db/database';
import {
  bindJudge,
  createCompetition,
  createRound,
  importRoster,
  openContestantSheet,
} from '../../src/db/repository';
import { projectRoot } from '../../src/server/build-if-stale.mjs';
import { type StaticServer, startStaticServer } from '../../src/server/static-server.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH, RESULTS_DIR } from './harness';
import { dumpTables, loadIntoPage, type TableRows } from './seed-browser-db';

let root: string;
let server: StaticServer;
let browser: Browser;
let seed: TableRows;

beforeAll(async () => {
  // A copy of the build that this test can turn into "the next version".
  root = await mkdtemp(join(tmpdir(), 'leitai-update-'));
  await cp(join(projectRoot, 'dist'), root, { recursive: true });
  server = await startStaticServer({ root, port: 0, host: '127.0.0.1' });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });

  const db = new LeitaiDB({ indexedDB: new IDBFactory(), IDBKeyRange });
  const competition = await createCompetition(db, { name: '2026年擂台比武' });
  const round = await createRound(db, {
    competitionId: competition.id,
    name: '决赛',
    criteria: [{ id: 'content', label: '内容', max: 4000 }],
  });
  const { judges, contestants } = await importRoster(db, round.id, {
    judges: [{ name: '王评委', title: '' }],
    contestants: [{ name: '张建国', unit: null, topic: '' }],
  });
  // The tablet already belongs to 王评委, with 张建国's sheet open (no venue server here).
  await bindJudge(db, (judges[0] as { id: string }).id);
  await openContestantSheet(db, (contestants[0] as { id: string }).id);
  seed = await dumpTables(db);
  db.close();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

const PROMPT = '新版本可用，刷新';
const key = (page: Page, name: string) =>
  page.getByRole('group', { name: '分数键盘' }).getByRole('button', { name, exact: true });

/** The script URL of the service worker controlling the page, and of the one waiting. */
const workers = (page: Page) =>
  page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return {
      controlling: navigator.serviceWorker.controller !== null,
      waiting: registration?.waiting !== null && registration?.waiting !== undefined,
    };
  });

describe('updates in prompt mode', () => {
  it('waits while a mark is typed and not confirmed, then switches only when the judge agrees', async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto('/judge');
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.getByText('请输入您的 8 位评委码').waitFor();
    await loadIntoPage(page, seed);
    // The reload comes from the service worker, which controls the page from now on.
    await page.reload();
    await page.getByRole('heading', { level: 2, name: /张建国/ }).waitFor();
    expect((await workers(page)).controlling).toBe(true);

    // The judge types "3" and has not confirmed it.
    await key(page, '3').click();
    await expect.poll(() => page.locator('.crit__value').first().textContent()).toBe('3');
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    // The next version is published; the tablet's periodic check finds it.
    const sw = join(root, 'sw.js');
    await writeFile(sw, `${await readFile(sw, 'utf8')}\n// the next version\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect.poll(async () => (await workers(page)).waiting, { timeout: 15_000 }).toBe(true);

    // Cleared: nothing is held back any more, and the offer appears. Still no reload by itself.
    await key(page, '清空').click();
    const offer = page.getByRole('button', { name: PROMPT });
    await offer.waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(RESULTS_DIR, 'pwa-update-offer.png') });
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );

    // A typed, unconfirmed mark, now that the page knows of the new version: the offer goes,
    // nothing reloads, the draft stays on screen.
    await key(page, '3').click();
    await offer.waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => page.locator('.crit__value').first().textContent()).toBe('3');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );

    // Cleared again: the offer is back.
    await key(page, '清空').click();
    await offer.waitFor({ timeout: 10_000 });

    // The judge agrees: the page reloads under the new version, on the same sheet.
    await offer.click();
    await expect
      .poll(
        () => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded ?? false),
        {
          timeout: 15_000,
        },
      )
      .toBe(false);
    await page.getByRole('heading', { level: 2, name: /张建国/ }).waitFor();
    expect(await workers(page)).toEqual({ controlling: true, waiting: false });
    expect(await page.getByRole('button', { name: PROMPT }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
