// 观摩评分 on the built app, in Chromium against the real venue server (issue 16): a site-visit
// round of three contestants at four sites; two judges' tablets go offline for the day and each
// scores and submits its sheets at every site. The first tablet comes back: the host's 观摩进度
// shows that judge's sheets in and no site complete; the second comes back: every site complete.
// Screenshots in test-results/site-visits-*.png.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createCompetition } from '../../src/db/competitions';
import { importRoster, putContestant } from '../../src/db/roster';
import { createRound, updateRound } from '../../src/db/rounds';
import type { JudgeRecord } from '../../src/domain/records';
import { loginAsOrganizer } from '../../src/sync/session';
import { RESULTS_DIR } from './harness';
import { installOffline, joinAsJudge, statusSummary, typeMark, untilSyncSays } from './judge-tablet';
import { nodeDevice } from './node-device';
import { claimOnHostConsole, venueWithChromium } from './venue-browser';
import { until } from './waiting';

const PASSWORD = '擂台密码2026';
const rig = venueWithChromium();

/** Offline, the judge scores and submits every contestant of the list, in the list's order. */
async function scoreEveryone(page: Page, names: readonly string[], mark: string): Promise<void> {
  const list = page.getByRole('navigation', { name: '选手（出场顺序）' });
  for (const name of names) {
    // At 1024 x 768 the tablet shows the list or the open sheet: back to the list first.
    const back = page.getByRole('button', { name: '‹ 选手列表' });
    if (await back.isVisible()) await back.click();
    await list.getByRole('button', { name: new RegExp(name) }).click();
    await page.getByRole('heading', { level: 2, name: new RegExp(name) }).waitFor();
    await typeMark(page, mark);
    await page.getByRole('button', { name: '提交评分表' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认提交' }).click();
    await page.getByText('已提交，评分表已锁定').waitFor();
  }
}

/** Whether the page's IndexedDB holds the round, read straight, not through the app. */
function hostHasRound(page: Page, roundId: string): Promise<boolean> {
  return page.evaluate(
    (id) =>
      new Promise<boolean>((resolve, reject) => {
        const open = indexedDB.open('leitai');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('rounds').objectStore('rounds').get(id);
          request.onsuccess = () => {
            resolve(request.result !== undefined);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    roundId,
  );
}

/** The host's table: each row's header and cells, as text. */
function tableRows(page: Page): Promise<string[][]> {
  return page
    .getByRole('region', { name: '观摩进度' })
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '')),
    );
}

async function untilTable(page: Page, expected: string[][]): Promise<void> {
  let seen: string[][] = [];
  await until(
    async () => {
      seen = await tableRows(page);
      return JSON.stringify(seen) === JSON.stringify(expected);
    },
    () => `the site table to read ${JSON.stringify(expected)}; it reads ${JSON.stringify(seen)}`,
    { timeoutMs: 90_000 },
  );
}

describe('a site-visit round', () => {
  it('two tablets score offline all day; the host sees each judge’s sites complete as they sync', async () => {
    const { venue } = rig;
    const host = await rig.openContext('host', { viewport: { width: 1366, height: 900 } });
    await claimOnHostConsole(host.page, venue, PASSWORD);
    await untilSyncSays(host.page, '在线');

    // The organizer's laptop sets up the round: 观摩评分, each contestant with its sites.
    const laptop = await nodeDevice('laptop', venue.httpUrl, { as: 'projector', code: venue.projectorCode });
    await loginAsOrganizer(laptop.db, laptop.transport, PASSWORD);
    await laptop.client.sessionChanged();
    const competition = await createCompetition(laptop.db, { name: '2026年乡镇党委书记观摩评比' });
    const round = await createRound(laptop.db, {
      competitionId: competition.id,
      name: '现场观摩',
      criteria: [{ id: 'visit', label: '观摩印象', max: 4000 }],
    });
    await updateRound(laptop.db, round.id, { siteVisit: true });
    const { judges, contestants } = await importRoster(laptop.db, round.id, {
      judges: [
        { name: '王评委', title: '' },
        { name: '李评委', title: '' },
      ],
      contestants: [
        { name: '张三', unit: '三工镇', topic: '' },
        { name: '李四', unit: '榆树沟镇', topic: '' },
        { name: '王五', unit: '佃坝镇', topic: '' },
      ],
    });
    const sites = [
      [{ name: '东风村', time: '10:30' }],
      [
        { name: '榆树沟村', time: '08:30' },
        { name: '榆树沟镇党群服务中心', time: '09:15' },
      ],
      [{ name: '佃坝村', time: '14:00' }],
    ];
    for (const [at, contestant] of contestants.entries()) {
      await putContestant(laptop.db, { id: contestant.id, roundId: round.id, sites: sites[at] });
    }
    await laptop.client.start();
    await laptop.client.syncNow();
    await laptop.client.stop();

    // The host console opens the round once its setup has reached the laptop's IndexedDB.
    await until(() => hostHasRound(host.page, round.id), 'the round on the host', { timeoutMs: 90_000 });
    await host.page.goto(`/stage?round=${round.id}`);
    const waiting = (who: number) => `还差 ${who} 位评委`;
    await untilTable(host.page, [
      ['榆树沟村 08:30；榆树沟镇党群服务中心 09:15李四', '未评', '未评', waiting(2)],
      ['东风村 10:30张三', '未评', '未评', waiting(2)],
      ['佃坝村 14:00王五', '未评', '未评', waiting(2)],
    ]);

    // Both tablets join at the venue, then leave for the sites: offline all day.
    const [wang, li] = judges as [JudgeRecord, JudgeRecord];
    const tabletWang = await rig.openContext('王评委', { serviceWorkers: 'allow' });
    const tabletLi = await rig.openContext('李评委', { serviceWorkers: 'allow' });
    await installOffline(tabletWang.page);
    await installOffline(tabletLi.page);
    await joinAsJudge(tabletWang.page, wang.joinCode, '王评委');
    await joinAsJudge(tabletLi.page, li.joinCode, '李评委');
    const visitOrder = ['李四', '张三', '王五'];
    const listed = tabletWang.page.getByRole('navigation', { name: '选手（出场顺序）' }).getByRole('button');
    expect(await listed.allTextContents()).toEqual([
      expect.stringMatching(/^.*李四.*观摩点：榆树沟村 08:30；榆树沟镇党群服务中心 09:15/),
      expect.stringMatching(/^.*张三.*观摩点：东风村 10:30/),
      expect.stringMatching(/^.*王五.*观摩点：佃坝村 14:00/),
    ]);
    for (const tablet of [tabletWang, tabletLi]) {
      await tablet.context.setOffline(true);
      await untilSyncSays(tablet.page, '离线');
    }
    await scoreEveryone(tabletWang.page, visitOrder, '35');
    await scoreEveryone(tabletLi.page, visitOrder, '32.5');
    await untilSyncSays(tabletWang.page, '待发送');
    await tabletWang.page.screenshot({ path: join(RESULTS_DIR, 'site-visits-tablet-offline.png') });
    // Nothing has reached the host while the tablets are away.
    expect((await tableRows(host.page)).flatMap((row) => row.slice(1, 3))).toEqual(Array(6).fill('未评'));

    // 王评委 is back: his column is in, no site is complete yet.
    await tabletWang.context.setOffline(false);
    await untilSyncSays(tabletWang.page, '已同步');
    const submitted = expect.stringMatching(/^已提交/);
    await until(
      async () => (await tableRows(host.page)).every((row) => /^已提交/.test(row[1] ?? '')),
      '王评委’s sheets on the host',
      { timeoutMs: 90_000 },
    );
    expect(await tableRows(host.page)).toEqual([
      ['榆树沟村 08:30；榆树沟镇党群服务中心 09:15李四', submitted, '未评', waiting(1)],
      ['东风村 10:30张三', submitted, '未评', waiting(1)],
      ['佃坝村 14:00王五', submitted, '未评', waiting(1)],
    ]);
    const summary = host.page.getByRole('region', { name: '观摩进度' }).getByRole('status');
    expect(await summary.textContent()).toBe('已完成 0/3 位选手（0/4 个观摩点）');
    await host.page.screenshot({ path: join(RESULTS_DIR, 'site-visits-host-one.png'), fullPage: true });

    // 李评委 is back: every site is complete.
    await tabletLi.context.setOffline(false);
    await untilSyncSays(tabletLi.page, '已同步');
    await until(
      async () => (await tableRows(host.page)).every((row) => row[3] === '已完成'),
      'every site complete on the host',
      { timeoutMs: 90_000 },
    );
    expect(await tableRows(host.page)).toEqual([
      ['榆树沟村 08:30；榆树沟镇党群服务中心 09:15李四', submitted, submitted, '已完成'],
      ['东风村 10:30张三', submitted, submitted, '已完成'],
      ['佃坝村 14:00王五', submitted, submitted, '已完成'],
    ]);
    expect(await summary.textContent()).toBe('已完成 3/3 位选手（4/4 个观摩点）');
    await host.page.screenshot({ path: join(RESULTS_DIR, 'site-visits-host-all.png'), fullPage: true });
    expect(await statusSummary(host.page).textContent()).toContain('在线');
  }, 300_000);
});
