// A judge of two rounds on the built app, in Chromium (issue 12, finding 11): the tablet joins
// once with the day's code and opens on the round the host is calling in, with the round picker
// to look at the other round; no new code is asked for. Screenshots in test-results/.
import AxeBuilder from '@axe-core/playwright';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeitaiDB } from '../../src/db/database';
import { callContestant, createCompetition, createRound, importRoster } from '../../src/db/repository';
import { type Harness, startHarness } from './harness';
import { dumpTables, loadIntoPage, type TableRows } from './seed-browser-db';

let h: Harness;
let seed: TableRows;
let joinCode: string;

const SHEET = [
  { label: '内容', max: 4000 },
  { label: '形象风采', max: 1500 },
  { label: '语言表达', max: 2000 },
  { label: 'PPT制作', max: 1500 },
  { label: '综合印象', max: 1000 },
];

/** 乡镇初赛 with two contestants; 市级决赛 made from it (the same panel), its first finalist called. */
async function seedTwoRounds(): Promise<{ rows: TableRows; joinCode: string }> {
  const db = new LeitaiDB({ indexedDB: new IDBFactory(), IDBKeyRange });
  const competition = await createCompetition(db, { name: '2026年昌吉市村党组织书记“擂台比武”' });
  const preliminary = await createRound(db, {
    competitionId: competition.id,
    name: '乡镇初赛',
    criteria: SHEET,
  });
  const { judges } = await importRoster(db, preliminary.id, {
    judges: [{ name: '王评委', title: '市委组织部' }],
    contestants: [
      { name: '张建国', unit: '榆树沟镇', topic: '强村富民', draw: 1 },
      { name: '李秀兰', unit: '三工镇', topic: '乡村振兴', draw: 2 },
    ],
  });
  const final = await createRound(db, {
    competitionId: competition.id,
    name: '市级决赛',
    criteria: SHEET,
    panelFrom: preliminary.id,
  });
  const { contestants } = await importRoster(db, final.id, {
    contestants: [{ name: '马晓东', unit: '佃坝镇', topic: '基层治理', draw: 1 }],
  });
  await callContestant(db, { roundId: final.id, contestantId: (contestants[0] as { id: string }).id });
  const rows = await dumpTables(db);
  db.close();
  return { rows, joinCode: (judges[0] as { joinCode: string }).joinCode };
}

beforeAll(async () => {
  h = await startHarness();
  ({ rows: seed, joinCode } = await seedTwoRounds());
});

afterAll(async () => {
  await h?.close();
});

describe('a judge of two rounds', () => {
  it('joins once, opens on the round on stage, and picks the other round without a new code', async () => {
    const page = await h.newPage({ width: 1280, height: 800 });
    await page.goto('/judge');
    await page.getByText('请输入您的 8 位评委码').waitFor();
    await loadIntoPage(page, seed);
    await page.goto(`/judge?code=${joinCode}`);
    await page.getByText('评分轮次：乡镇初赛 · 市级决赛').waitFor();
    await page.getByRole('button', { name: '是我，开始评分' }).click();

    await page.getByRole('heading', { level: 2, name: '1 号 马晓东' }).waitFor();
    const picker = page.getByRole('navigation', { name: '评分轮次' });
    expect(await picker.getByRole('button', { name: '市级决赛' }).getAttribute('aria-pressed')).toBe('true');
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await h.screenshot(page, 'judge-rounds-final');

    await picker.getByRole('button', { name: '乡镇初赛' }).click();
    const list = page.getByRole('navigation', { name: '选手（出场顺序）' });
    await list.getByRole('button', { name: /张建国/ }).waitFor();
    expect(await picker.getByRole('button', { name: '乡镇初赛' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByText('请输入您的 8 位评委码').count()).toBe(0);
    await h.screenshot(page, 'judge-rounds-preliminary');
    expect(h.errors(page)).toEqual([]);
  });
});
