// The host console on the laptops a host has beside the stage (issue 12, finding 5): right after
// a reveal, with the contestant's clock paused over time, the sentence to read out (请宣读) is on
// screen without scrolling at 1366×768, 1440×900 and 1920×1080; before it, the clock and 公布成绩
// are; and nothing overflows: not the queue of thirteen (names with · kept whole), not the panel
// of seven judges. Screenshots: test-results/layout-host-<state>-<size>.png.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeitaiDB } from '../../src/db/database';
import {
  callContestant,
  createCompetition,
  createRound,
  enterMark,
  importRoster,
  revealContestant,
  setTimer,
  submitSheet,
} from '../../src/db/repository';
import type { PresenceResponse } from '../../src/sync/protocol';
import { type Harness, startHarness } from './harness';
import { formatProblems, HOST_SIZES, layoutProblems, sizeName } from './layout-checks';
import { dumpTables, loadIntoPage, type TableRows } from './seed-browser-db';

const CRITERIA = [
  { id: 'content', label: '内容', max: 4000 },
  { id: 'presence', label: '形象风采', max: 1500 },
  { id: 'language', label: '语言表达', max: 2000 },
  { id: 'slides', label: 'PPT制作', max: 1500 },
  { id: 'overall', label: '综合印象', max: 1000 },
];
const CONTESTANTS = [
  ['阿依古丽·买买提', '三工镇下六工村'],
  ['买买提江·吐尔逊', '阿什里哈萨克民族乡'],
  ['潘金永', '三工镇三工村'],
  ['沙哈提别克', '庙尔沟乡'],
  ['哈德尔', '阿什里乡'],
  ['李建华', '大西渠镇'],
  ['古丽娜尔·热合曼', '二六工镇'],
  ['王晓东', '榆树沟镇'],
  ['张丽', '佃坝镇'],
  ['努尔兰·别克', '滨湖镇'],
  ['刘伟', '六工镇'],
  ['赵敏', '北京南路街道'],
  ['陈志刚', '宁边路街道'],
] as const;

/**
 * A round of 13 contestants and 7 judges; the first contestant called, timed over the limit,
 * scored by every judge, and revealed when `reveal`.
 */
async function seedFirstScored(reveal: boolean): Promise<Seed> {
  const db = new LeitaiDB({ indexedDB: new IDBFactory(), IDBKeyRange });
  const competition = await createCompetition(db, {
    name: '2026年昌吉市村党组织书记“擂台比武”',
    date: '2026-06-18',
  });
  const round = await createRound(db, {
    competitionId: competition.id,
    name: '市级决赛',
    criteria: CRITERIA,
    timeLimitSeconds: 600,
    overtime: { everySeconds: 30, points: 50 },
  });
  const { judges, contestants } = await importRoster(db, round.id, {
    judges: Array.from({ length: 7 }, (_, at) => ({ name: `评委${at + 1}`, title: '评委' })),
    contestants: CONTESTANTS.map(([name, unit], at) => ({
      name,
      unit,
      topic: '党建引领乡村振兴',
      draw: at + 1,
    })),
  });
  const first = contestants[0];
  if (!first) throw new Error('no contestant');
  await callContestant(db, { roundId: round.id, contestantId: first.id, introduce: true });
  await setTimer(db, { roundId: round.id, contestantId: first.id, action: 'start', elapsedMs: 0 });
  await setTimer(db, { roundId: round.id, contestantId: first.id, action: 'pause', elapsedMs: 641_000 });
  for (const [at, judge] of judges.entries()) {
    for (const criterion of CRITERIA) {
      await enterMark(db, {
        roundId: round.id,
        judgeId: judge.id,
        contestantId: first.id,
        criterionId: criterion.id,
        value: criterion.max - 100 * ((at * 3 + criterion.max) % 7),
      });
    }
    await submitSheet(db, { roundId: round.id, judgeId: judge.id, contestantId: first.id });
  }
  // Revealed as a console that verified every judge's signature: the readout ends with
  // 评委签名齐全 (All judges’ sheets are signed), the longest it reads.
  if (reveal) {
    const signedJudgeIds = judges.map((judge) => judge.id);
    await revealContestant(db, { roundId: round.id, contestantId: first.id, signedJudgeIds });
  }
  const rows = await dumpTables(db);
  db.close();
  // The host console is logged in as the organizer (no venue server runs in this test).
  rows.syncState = [
    {
      key: 'session',
      session: { token: 'host', role: 'organizer', deviceId: 'host-laptop', judgeId: null, serverId: 'none' },
    },
  ];
  return { rows, roundId: round.id, judgeIds: judges.map((judge) => judge.id) };
}

interface Seed {
  rows: TableRows;
  roundId: string;
  judgeIds: string[];
}

/**
 * A venue server for the page, faked in the browser: the live socket welcomes the console (so it
 * is online), a pull brings nothing new, and GET /presence says 评委2's tablet went offline at
 * 14:03 and 评委3 never logged in on one; the others' tablets are online.
 */
async function fakeVenue(page: Page, seed: Seed): Promise<void> {
  await page.routeWebSocket(/\/api\/v1\/live$/, (socket) => {
    socket.onMessage(() => socket.send(JSON.stringify({ type: 'welcome', head: 0 })));
  });
  await page.route(/\/api\/v1\/pull/, (route) =>
    route.fulfill({ json: { serverId: 'none', events: [], cursor: 0, head: 0 } }),
  );
  const presence: PresenceResponse = {
    checkedAt: new Date(2026, 5, 18, 14, 12).toISOString(),
    judges: seed.judgeIds.map((judgeId, at) => ({
      judgeId,
      tablets: at === 2 ? 0 : 1,
      online: at > 2 || at === 0,
      lastContactAt: at === 2 ? null : new Date(2026, 5, 18, 14, 3).toISOString(),
    })),
  };
  await page.route(/\/api\/v1\/presence/, (route) => route.fulfill({ json: presence }));
}

let h: Harness;
let revealed: Seed;
let readyToReveal: Seed;

beforeAll(async () => {
  h = await startHarness();
  revealed = await seedFirstScored(true);
  readyToReveal = await seedFirstScored(false);
});
afterAll(() => h?.close());

interface ConsoleState {
  name: string;
  shot: string;
  seed: () => Seed;
  /** What shows once the console has read the round. */
  ready: string;
  /** name → selector of what the host needs on screen without scrolling. */
  required: Record<string, string>;
  /** The console's language: zh-CN unless said (English words are longer). */
  lang?: 'en';
  /** With a venue server that says which judges' tablets are online (fakeVenue). */
  venue?: true;
}

const STATES: ConsoleState[] = [
  {
    name: 'after the reveal',
    shot: 'readout',
    seed: () => revealed,
    ready: '.host-readout__sentence',
    // The speech is over: the readout has the clock's place, the clock is under it.
    required: { readout: '.host-readout__sentence', onStage: '.host-focus__name' },
  },
  {
    name: 'before the reveal',
    shot: 'reveal',
    seed: () => readyToReveal,
    ready: '.host-reveal__button:not([disabled])',
    required: {
      revealButton: '.host-reveal__button',
      onStage: '.host-focus__name',
      clock: '.host-timer__digits',
      clockButtons: '.host-timer__buttons',
    },
  },
  {
    name: 'after the reveal, in English',
    shot: 'readout-en',
    seed: () => revealed,
    ready: '.host-readout__sentence',
    required: { readout: '.host-readout__sentence', onStage: '.host-focus__name' },
    lang: 'en',
  },
  {
    name: 'after the reveal, with the tablets online and offline',
    shot: 'presence',
    seed: () => revealed,
    ready: 'text=平板离线 · 最后联系 14:03',
    required: {
      readout: '.host-readout__sentence',
      offlineTablet: '.host-presence--offline',
      noTablet: '.host-presence--none',
    },
    venue: true,
  },
];

describe('the host console at the host laptop sizes', () => {
  for (const state of STATES) {
    for (const size of HOST_SIZES) {
      it(`${state.name}: what the host needs without scrolling, nothing overflowing, at ${sizeName(size)}`, async () => {
        const seed = state.seed();
        const page = await h.newPage(size);
        await page.goto('/stage');
        await page.getByRole('heading', { level: 1, name: '主持台' }).waitFor();
        await loadIntoPage(page, seed.rows);
        if (state.lang) await page.evaluate((lang) => localStorage.setItem('leitai.lang', lang), state.lang);
        if (state.venue) await fakeVenue(page, seed);
        await page.goto(`/stage?round=${seed.roundId}`);
        await page.locator(state.ready).waitFor();
        await page.locator('.host-queue__item').nth(12).waitFor();
        // The panel's progress is a part of its own, loaded as the console mounts.
        await page.locator('.host-panel__summary').first().waitFor();
        const problems = await layoutProblems(page, {
          required: { ...state.required, progress: '.host-panel__summary' },
          scrollers: ['.host-queue__list'],
        });
        await h.screenshot(page, `layout-host-${state.shot}-${sizeName(size)}`);
        expect(problems, formatProblems(problems)).toEqual([]);
        if (seed === revealed) {
          // The sentence whose room is checked is the one that ends with the signatures.
          expect(await page.locator('.host-readout__sentence').textContent()).toMatch(
            state.lang === 'en' ? /All judges’ sheets are signed\.$/ : /目前排名第1名。评委签名齐全。$/,
          );
        }
        // Every name on one line, whole (买买提江·吐尔逊 not cut at the ·), wherever the
        // console shows it: the queue, 叫下一位, the contestant on stage.
        const brokenNames = await page.evaluate(
          (names) => {
            const broken: string[] = [];
            const walker = document.createTreeWalker(
              document.querySelector('.host') as Node,
              NodeFilter.SHOW_TEXT,
            );
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const text = node.textContent ?? '';
              for (const name of names) {
                const at = text.indexOf(name);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + name.length);
                const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
                if (tops.size > 1) broken.push(text);
              }
            }
            return broken;
          },
          CONTESTANTS.map(([name]) => name),
        );
        expect(brokenNames).toEqual([]);
        expect(h.errors(page)).toEqual([]);
      });
    }
  }
});
