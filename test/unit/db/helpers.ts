/** A fresh database per test, and a round set up the way an organizer would. */

import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach } from 'vitest';
import { describeError, loadErrorTexts } from '../../../src/app/i18n/error-text';
import { LeitaiDB } from '../../../src/db/database';
import { createCompetition, createRound, importRoster } from '../../../src/db/repository';
import type {
  CompetitionRecord,
  ContestantRecord,
  JudgeRecord,
  RoundRecord,
} from '../../../src/domain/records';
import { SECRETARY_SHEET } from './secretary-sheet';

const opened: LeitaiDB[] = [];

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** A database on its own in-memory IndexedDB: nothing leaks between tests. */
export function freshDb(factory: IDBFactory = new IDBFactory()): LeitaiDB {
  const db = new LeitaiDB({ indexedDB: factory, IDBKeyRange });
  opened.push(db);
  return db;
}

export { SECRETARY_SHEET };

export interface SeededRound {
  competition: CompetitionRecord;
  round: RoundRecord;
  judges: [JudgeRecord, JudgeRecord, JudgeRecord];
  contestants: [ContestantRecord, ContestantRecord, ContestantRecord];
}

/** Three judges (one from 三工镇, for 回避) and three contestants. */
export async function seedRound(db: LeitaiDB): Promise<SeededRound> {
  const competition = await createCompetition(db, { name: '2026年昌吉市村党组织书记“擂台比武”' });
  const round = await createRound(db, {
    competitionId: competition.id,
    name: '市级决赛',
    criteria: SECRETARY_SHEET,
  });
  const { judges, contestants } = await importRoster(db, round.id, {
    judges: [
      { name: '王评委', title: '市委组织部' },
      { name: '李评委', title: '党校' },
      { name: '赵评委', title: '三工镇党委', unit: '三工镇' },
    ],
    contestants: [
      { name: '张三', unit: '三工镇', topic: '强村富民' },
      { name: '李四', unit: '榆树沟镇', topic: '乡村振兴' },
      { name: '王五', unit: '佃坝镇', topic: '基层治理' },
    ],
  });
  return {
    competition,
    round,
    judges: judges as SeededRound['judges'],
    contestants: contestants as SeededRound['contestants'],
  };
}

/**
 * Expects a promise to be refused with a RepositoryError of this code; returns its reason as a
 * zh-CN screen shows it.
 */
export async function refusal(promise: Promise<unknown>, code: string): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const { code: actual, message } = error as { code?: string; message: string };
    if (actual !== code) throw new Error(`expected refusal ${code}, got ${actual ?? 'no code'}: ${message}`);
    await loadErrorTexts();
    return describeError(error, 'zh-CN');
  }
  throw new Error(`expected refusal ${code}, but the write succeeded`);
}

/** The value, or a test failure saying what was missing. */
export function present<T>(value: T | undefined, what = 'value'): T {
  if (value === undefined) throw new Error(`expected a ${what}`);
  return value;
}
