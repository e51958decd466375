// Three Chromium contexts against the real venue server: the host (organizer) claims the server
// in the sync panel, the projector joins with the link and code the server prints, a new judge's tablet opens the link of
// the judge's QR code, joins through the judge screen and scores on its keypad while offline
// (context.setOffline). Back online, the marks reach the host's IndexedDB (and not the
// projector's: nothing is revealed), and every header tells the state.
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createCompetition } from '../../src/db/competitions';
import { importRoster } from '../../src/db/roster';
import { createRound } from '../../src/db/rounds';
import { callContestant } from '../../src/db/stage';
import { PROTOCOL_VERSION } from '../../src/sync/protocol';
import { loginAsOrganizer } from '../../src/sync/session';
import { RESULTS_DIR } from './harness';
import { nodeDevice } from './node-device';
import { claimOnHostConsole, venueWithChromium } from './venue-browser';

const PASSWORD = '擂台密码2026';

const rig = venueWithChromium();
const { openContext } = rig;

const statusSummary = (page: Page) => page.locator('.sync-status > summary');

/** A key of the judge's on-screen keypad. */
const scoreKey = (page: Page, name: string) =>
  page.getByRole('group', { name: '分数键盘' }).getByRole('button', { name, exact: true });

/** The server cursor up to which the page has applied the server's events (its syncState row). */
function cursorInIndexedDb(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('leitai');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('syncState').objectStore('syncState').get('cursor');
          request.onsuccess = () => {
            resolve((request.result as { cursor?: number } | undefined)?.cursor ?? 0);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

/** Reads marks straight from the page's IndexedDB ('leitai'), not through the app. */
function marksInIndexedDb(page: Page): Promise<{ judgeId: string; value: number | null }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('leitai');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('marks').objectStore('marks').getAll();
          request.onsuccess = () => {
            resolve(
              request.result.map((row: { judgeId: string; value: number | null }) => ({
                judgeId: row.judgeId,
                value: row.value,
              })),
            );
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

describe('sync in the browser', () => {
  it('a judge scores offline; back online, the marks reach the host, and not the projector before a reveal', async () => {
    // The host claims the server from the sync panel, with the code printed in the terminal.
    const host = await openContext('host');
    await claimOnHostConsole(host.page, rig.venue, PASSWORD);
    await expect.poll(() => statusSummary(host.page).textContent()).toContain('在线');
    await expect.poll(() => host.page.locator('.sync-panel').textContent()).toContain('本机身份：组织者');

    // The organizer's laptop (a node device) logs in with the password and sets up the round.
    const laptop = await nodeDevice('laptop', rig.venue.httpUrl, {
      as: 'projector',
      code: rig.venue.projectorCode,
    });
    await loginAsOrganizer(laptop.db, laptop.transport, PASSWORD);
    await laptop.client.sessionChanged();
    const competition = await createCompetition(laptop.db, { name: '2026年擂台比武' });
    const round = await createRound(laptop.db, {
      competitionId: competition.id,
      name: '决赛',
      criteria: [{ id: 'content', label: '内容', max: 4000 }],
    });
    const { judges, contestants } = await importRoster(laptop.db, round.id, {
      judges: [{ name: '王评委', title: '' }],
      contestants: [
        { name: '张三', unit: null, topic: '' },
        { name: '李四', unit: null, topic: '' },
      ],
    });
    await laptop.client.start();
    await laptop.client.syncNow();
    expect(laptop.client.getStatus().pending).toBe(0);

    // The projector (no header: a full-screen page) opens the link the server prints, with its code.
    const projector = await openContext('projector');
    await projector.page.goto(`/projector?code=${rig.venue.projectorCode}`);
    // Joined: the code leaves the address.
    await expect.poll(() => new URL(projector.page.url()).search).toBe('');

    // A new judge's tablet opens the link of the judge's QR code. The code is not on the tablet
    // yet, so the judge screen checks it with the venue server, which brings the round along.
    const judge = await openContext('judge');
    const joinCode = (judges[0] as { joinCode: string }).joinCode;
    await judge.page.goto(`/judge?code=${joinCode}`);
    await judge.page.getByRole('button', { name: '是我，开始评分' }).click();
    await judge.page.getByRole('heading', { level: 1, name: '王评委' }).waitFor();
    // Online once the live socket is welcomed, and synced once the join's signing key has gone
    // up (the join writes it): on a loaded machine, as the other steps, not at once.
    await expect
      .poll(() => statusSummary(judge.page).textContent(), { timeout: 15_000 })
      .toMatch(/在线已同步/);

    // Offline, the judge scores both contestants on the keypad: saved on the tablet, waiting.
    await judge.context.setOffline(true);
    await expect.poll(() => statusSummary(judge.page).textContent(), { timeout: 15_000 }).toContain('离线');
    const values = [3550, 3720];
    const list = judge.page.getByRole('navigation', { name: '选手（出场顺序）' });
    for (const [index, contestant] of contestants.entries()) {
      // At 1024 x 768 the tablet shows the list or the open sheet: back to the list first.
      if (index > 0) await judge.page.getByRole('button', { name: '‹ 选手列表' }).click();
      await list.getByRole('button', { name: new RegExp(contestant.name) }).click();
      await judge.page.getByRole('heading', { level: 2, name: new RegExp(contestant.name) }).waitFor();
      const typed = ((values[index] as number) / 100).toString();
      for (const character of typed)
        await scoreKey(judge.page, character === '.' ? '小数点' : character).click();
      await scoreKey(judge.page, '确定 下一项').click();
      await expect
        .poll(() => judge.page.locator('.judge-status').textContent())
        .toContain(`${index + 1} 个分数`);
    }
    await expect.poll(() => statusSummary(judge.page).textContent()).toContain('待发送 2 条');
    await statusSummary(judge.page).click();
    await judge.page.screenshot({ path: join(RESULTS_DIR, 'sync-judge-offline.png') });
    expect((await marksInIndexedDb(projector.page)).length).toBe(0);

    // Back online: the tablet sends, the server pokes, the host pulls the marks; the projector
    // pulls too, but the server gives it no mark of a contestant the host has not revealed.
    await judge.context.setOffline(false);
    await expect.poll(() => statusSummary(judge.page).textContent(), { timeout: 15_000 }).toContain('已同步');
    await expect
      .poll(async () => (await marksInIndexedDb(host.page)).map((mark) => mark.value).sort(), {
        timeout: 15_000,
      })
      .toEqual(values);
    // The host then calls a contestant: the projector is poked for that, and its pull passes the
    // marks' places in the log without receiving them.
    await callContestant(laptop.db, {
      roundId: round.id,
      contestantId: (contestants[0] as { id: string }).id,
    });
    await laptop.client.syncNow();
    const head = (
      (await (
        await fetch(`${rig.venue.httpUrl}/api/v1/hello`, {
          headers: { 'leitai-protocol': String(PROTOCOL_VERSION) },
        })
      ).json()) as { head: number }
    ).head;
    await expect.poll(() => cursorInIndexedDb(projector.page), { timeout: 15_000 }).toBe(head);
    expect((await marksInIndexedDb(projector.page)).length).toBe(0);
    await judge.page.screenshot({ path: join(RESULTS_DIR, 'sync-judge-online.png') });
    await projector.page.screenshot({ path: join(RESULTS_DIR, 'sync-projector.png') });
    // The host's panel lists the devices that joined, with the judge's name.
    await statusSummary(host.page).click();
    await statusSummary(host.page).click();
    const devices = host.page.locator('.sync-devices');
    await expect.poll(() => devices.textContent()).toContain('评委 王评委');
    expect(await devices.textContent()).toContain('大屏（只读）');
    await host.page.screenshot({ path: join(RESULTS_DIR, 'sync-host.png'), fullPage: true });
    // The header with the open sync panel is accessible.
    const axe = await new AxeBuilder({ page: host.page }).include('.site-header').analyze();
    expect(axe.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
    // Every control of the panel is a 48 px target.
    for (const target of await host.page
      .locator('.site-header button:visible, .site-header summary, .site-header input:visible')
      .all()) {
      const box = await target.boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(48);
    }
    await laptop.client.stop();
  }, 120_000);
});
