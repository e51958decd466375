/**
 * 彩排 on the screens (issue 12): a rehearsal round is badged 彩排 on the host console (its
 * picker, a note above the console) and on the projector, on every view, at the hall's sizes,
 * without breaking the layout. The rehearsal is made in Node by the real repository (the demo
 * round rehearsed, one contestant marked by the simulated judges and revealed) and loaded into
 * the page's database.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeitaiDB } from '../../src/db/database';
import { loadDemoCompetition } from '../../src/db/demo';
import { enterMark, submitSheet } from '../../src/db/marks';
import { startRehearsal } from '../../src/db/rehearsal';
import { revealContestant } from '../../src/db/reveal';
import { callContestant, setProjectorDisplay } from '../../src/db/stage';
import { isRecusedFrom } from '../../src/domain/recusal';
import { type Harness, startHarness } from './harness';
import { formatProblems, HOST_SIZES, layoutProblems, PROJECTOR_SIZES, sizeName } from './layout-checks';
import { dumpTables, loadIntoPage, type TableRows } from './seed-browser-db';

/** 村党组织书记擂台比武's sheet, as the template makes it. */
const SHEET = [
  { id: 'content', label: '内容', max: 4000 },
  { id: 'presence', label: '形象风采', max: 1500 },
  { id: 'language', label: '语言表达', max: 2000 },
  { id: 'ppt', label: 'PPT制作', max: 1500 },
  { id: 'overall', label: '综合印象', max: 1000 },
];

let h: Harness;
let rows: TableRows;
let rehearsalId: string;
let contestantName: string;

/** The demo's round rehearsed: the first contestant in order called, marked by the panel, revealed. */
async function seedRehearsal() {
  const db = new LeitaiDB({ indexedDB: new IDBFactory(), IDBKeyRange, name: 'rehearsal-seed' });
  const demo = await loadDemoCompetition(db, { criteria: SHEET });
  const rehearsal = await startRehearsal(db, demo.round.id);
  const judges = await db.judges.where('roundIds').equals(rehearsal.id).toArray();
  const contestants = (await db.contestants.where('roundId').equals(rehearsal.id).toArray()).sort(
    (a, b) => (a.draw ?? 0) - (b.draw ?? 0),
  );
  const contestant = contestants[0];
  if (!contestant) throw new Error('the demo has contestants');
  await callContestant(db, { roundId: rehearsal.id, contestantId: contestant.id, introduce: true });
  for (const judge of judges.filter((each) => !isRecusedFrom(each, contestant, rehearsal.settings.recusal))) {
    const ref = { roundId: rehearsal.id, judgeId: judge.id, contestantId: contestant.id };
    for (const criterion of rehearsal.criteria) {
      await enterMark(
        db,
        { ...ref, criterionId: criterion.id, value: criterion.max - criterion.step * 10 },
        true,
      );
    }
    await submitSheet(db, ref, true);
  }
  await revealContestant(db, { roundId: rehearsal.id, contestantId: contestant.id });
  await setProjectorDisplay(db, rehearsal.id, { view: 'leaderboard', contestantId: null, theme: 'leitai' });
  return { rows: await dumpTables(db), rehearsalId: rehearsal.id, contestantName: contestant.name };
}

beforeAll(async () => {
  h = await startHarness();
  ({ rows, rehearsalId, contestantName } = await seedRehearsal());
}, 120_000);

afterAll(() => h?.close());

async function seeded(path: string, size: { width: number; height: number }): Promise<Page> {
  const page = await h.newPage(size);
  await page.goto('/stage');
  await page.getByRole('heading', { level: 1, name: '主持台' }).waitFor();
  await loadIntoPage(page, rows);
  await page.goto(path);
  return page;
}

describe('a rehearsal round on the screens', { timeout: 180_000 }, () => {
  it('is badged 彩排 on the host console, at the host’s sizes, without layout problems', async () => {
    for (const size of HOST_SIZES) {
      const host = await seeded(`/stage?round=${rehearsalId}`, size);
      await host.getByText('彩排：评分来自模拟评委，不计入正式成绩；彩排结束后全部清除。').waitFor();
      expect(await host.locator('.stage-rehearsal__badge').textContent()).toBe('彩排');
      const picked = host.getByRole('combobox', { name: '轮次' });
      expect(await picked.locator('option:checked').textContent()).toBe(
        '【彩排】2026年昌吉市村党组织书记“擂台比武”（示例） · 市级决赛（彩排）',
      );
      const problems = await layoutProblems(host, { required: { badge: '.stage-rehearsal__badge' } });
      await h.screenshot(host, `rehearsal-host-${sizeName(size)}`);
      expect(formatProblems(problems.filter((problem) => problem.element.includes('rehearsal')))).toBe('');
      expect(h.errors(host)).toEqual([]);
    }
  });

  it('is badged 彩排 on the projector beside the round name that every view shows, at every projector size', async () => {
    for (const size of PROJECTOR_SIZES) {
      const projector = await seeded(`/projector?round=${rehearsalId}`, size);
      await projector.locator('.pj-row', { hasText: contestantName }).waitFor();
      const problems = await layoutProblems(projector, { required: { badge: '.pj-rehearsal' } });
      await h.screenshot(projector, `rehearsal-projector-${sizeName(size)}`);
      expect(await projector.locator('.pj-rehearsal').textContent()).toBe('彩排');
      expect(
        formatProblems(
          problems.filter((problem) => problem.kind === 'missing' || problem.element.includes('rehearsal')),
        ),
      ).toBe('');
    }
  });
});
