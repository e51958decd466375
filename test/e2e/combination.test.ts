// 总成绩 on the built app, in Chromium (issue 16): two rounds scored and revealed (现场观摩 and
// 擂台演讲), combined 40 + 60; the projector's 总排名 view shows a column per stage and the total.
// Screenshot in test-results/combined-projector.png.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeitaiDB } from '../../src/db/database';
import { revealContestant, setProjectorDisplay } from '../../src/db/repository';
import { combineFortySixty, seedTwoStages } from '../unit/db/combination-seed';
import { type Harness, startHarness } from './harness';
import { dumpTables, loadIntoPage, type TableRows } from './seed-browser-db';

let h: Harness;
let seed: TableRows;
let stageRoundId: string;
let competitionId: string;

/** 张三 and 李四 revealed in both rounds; 王五 in 现场观摩 only; the projector on 总排名. */
async function seedCombined(): Promise<TableRows> {
  const db = new LeitaiDB({ indexedDB: new IDBFactory(), IDBKeyRange });
  const seeded = await seedTwoStages(db);
  const { competition, visit, stage } = seeded;
  stageRoundId = stage.id;
  competitionId = competition.id;
  await combineFortySixty(db, seeded, [`stage:${stage.id}`]);
  for (const round of [visit, stage]) {
    for (const contestant of await db.contestants.where('roundId').equals(round.id).toArray()) {
      if (round === stage && contestant.name === '王五') continue;
      await revealContestant(db, { roundId: round.id, contestantId: contestant.id });
    }
  }
  await setProjectorDisplay(db, stage.id, { view: 'combined', contestantId: null, theme: 'leitai' });
  const rows = await dumpTables(db);
  db.close();
  return rows;
}

beforeAll(async () => {
  h = await startHarness();
  seed = await seedCombined();
});

afterAll(async () => {
  await h?.close();
});

describe('the combined ranking on the projector', () => {
  it('shows 观摩得分 × 40% + 擂台得分 × 60% = 总分, a column per stage and the total', async () => {
    const page = await h.newPage({ width: 1600, height: 900 });
    await page.goto('/projector');
    await page.locator('.projector').first().waitFor();
    await loadIntoPage(page, seed);
    await page.goto(`/projector?round=${stageRoundId}`);
    await page.getByRole('heading', { name: '总排名' }).waitFor();
    await page.getByText('现场观摩得分 × 40% + 擂台演讲得分 × 60% = 总分').waitFor();
    const rows = page.locator('.pj-combined .pj-row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.allTextContents()).toEqual([
      '1李四榆树沟镇80.0095.0089.00一等奖',
      '2张三三工镇90.0080.0084.00',
      '—王五佃坝镇85.00评分中',
    ]);
    await h.screenshot(page, 'combined-projector');
    expect(h.errors(page)).toEqual([]);
  });

  it('is set up on the competition page with a live preview of the combined ranking', async () => {
    const page = await h.newPage({ width: 1280, height: 900 });
    await page.goto('/organizer');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await loadIntoPage(page, seed);
    await page.goto(`/organizer?competition=${competitionId}`);
    await page.getByRole('button', { name: '设置总成绩' }).click();
    await expect.poll(() => page.getByLabel('“现场观摩”的权重').inputValue()).toBe('40');
    const preview = page.getByRole('region', { name: '总排名预览（按各轮当前成绩）' });
    await expect.poll(() => preview.locator('tbody tr').count()).toBe(2);
    await page.getByLabel('“擂台演讲”的权重').fill('0');
    await page.getByText(/阶段 「擂台演讲」.*的权重应为大于 0/).waitFor();
    await page.getByLabel('“擂台演讲”的权重').fill('60');
    await expect.poll(() => preview.locator('tbody tr').first().textContent()).toContain('89.00');
    await h.screenshot(page, 'combined-organizer');
    expect(h.errors(page)).toEqual([]);
  });
});
