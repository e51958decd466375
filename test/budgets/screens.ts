// Putting the app in the state a screen is measured in: the demo competition loaded by the
// organizer's own button, and a judge's tablet bound to a judge with a sheet open (written by
// the real repository in Node and copied into the page's IndexedDB, as the e2e tests do).
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Page } from 'playwright-core';
import { LeitaiDB } from '../../src/db/database';
import {
  bindJudge,
  createCompetition,
  createRound,
  importRoster,
  openContestantSheet,
} from '../../src/db/repository';
import { dumpTables, loadIntoPage, type TableRows } from '../e2e/seed-browser-db';

export const DEMO_COMPETITION = '2026年昌吉市村党组织书记“擂台比武”（示例）';
export const DEMO_ROUND = '市级决赛';

/** Loads the demo competition from the organizer's screen; ends on the competition's page. */
export async function loadDemo(page: Page): Promise<void> {
  await page.goto('/organizer');
  await page.getByRole('button', { name: '载入示例赛事' }).click();
  await page.getByRole('heading', { level: 1, name: DEMO_COMPETITION }).waitFor({ timeout: 30_000 });
}

/** A round with 王评委 bound to this tablet and 张建国's sheet open. */
export async function judgeTabletRows(): Promise<TableRows> {
  const db = new LeitaiDB({ indexedDB: new IDBFactory(), IDBKeyRange });
  const competition = await createCompetition(db, { name: '2026年擂台比武（评委平板）' });
  const round = await createRound(db, {
    competitionId: competition.id,
    name: '乡镇初赛',
    criteria: [
      { label: '内容', max: 4000 },
      { label: '形象风采', max: 1500 },
      { label: '语言表达', max: 2000 },
      { label: 'PPT制作', max: 1500 },
      { label: '综合印象', max: 1000, step: 50 },
    ],
  });
  const { judges, contestants } = await importRoster(db, round.id, {
    judges: [{ name: '王评委', title: '市委组织部' }],
    contestants: [
      { name: '张建国', unit: '榆树沟镇', topic: '强村富民', draw: 1 },
      { name: '李秀兰', unit: '三工镇', topic: '乡村振兴', draw: 2 },
      { name: '马晓东', unit: '佃坝镇', topic: '基层治理', draw: 3 },
    ],
  });
  await bindJudge(db, (judges[0] as { id: string }).id);
  await openContestantSheet(db, (contestants[0] as { id: string }).id);
  const rows = await dumpTables(db);
  db.close();
  return rows;
}

/** Opens /judge, puts the judge tablet's rows in, and shows the sheet. */
export async function openJudgeSheet(page: Page, rows: TableRows): Promise<void> {
  await page.goto('/judge');
  await page.getByText('请输入您的 8 位评委码').waitFor();
  await loadIntoPage(page, rows);
  await page.reload();
  await page.getByRole('heading', { level: 2, name: /张建国/ }).waitFor();
}
