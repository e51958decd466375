/**
 * A judge belongs to the competition (issue 12, finding 11): the tablet joined once for the
 * preliminary follows the host into the next round, created 与上一轮相同, without a new join
 * code; the judge can also pick among their rounds.
 */

import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LeitaiDB } from '../../../src/db/database';
import {
  callContestant,
  createRound,
  enterMark,
  importRoster,
  pressKey,
  readJudgeSession,
  submitSheet,
} from '../../../src/db/repository';
import { freshDb, SECRETARY_SHEET } from '../db/helpers';
import { renderBoundJudge } from './render';
import { seedJudgeRound } from './seed';

beforeEach(() => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
});

const MARKS: Record<string, number> = {
  content: 3800,
  presence: 1350,
  language: 1800,
  ppt: 1200,
  overall: 900,
};

async function markAll(db: LeitaiDB, sheet: { roundId: string; judgeId: string; contestantId: string }) {
  for (const [criterionId, value] of Object.entries(MARKS))
    await enterMark(db, { ...sheet, criterionId, value });
  await submitSheet(db, sheet);
}

/** The preliminary of ./seed.ts, and a final made from it (its sheet and its panel). */
async function seedTwoRounds(db: LeitaiDB) {
  const seeded = await seedJudgeRound(db);
  const final = await createRound(db, {
    competitionId: seeded.round.competitionId,
    name: '总决赛',
    criteria: SECRETARY_SHEET,
    panelFrom: seeded.round.id,
  });
  const { contestants } = await importRoster(db, final.id, {
    contestants: [{ name: '孙六', unit: '大西渠镇', topic: '产业兴村', draw: 1 }],
  });
  return { ...seeded, final, sunliu: contestants[0] as (typeof contestants)[number] };
}

/** A move between rounds is a chain of live queries and writes: slow on a loaded machine. */
const MOVE = { timeout: 20_000 };

const contestantList = () => within(screen.getByRole('navigation', { name: '选手（出场顺序）' }));

describe('a judge of two rounds', () => {
  it('follows the host into the next round on the tablet joined once, and can pick a round', {
    timeout: 20_000,
  }, async () => {
    const db = freshDb();
    const { round, final, wang, lisi, sunliu } = await seedTwoRounds(db);
    const { user } = await renderBoundJudge(db, wang.id, null);

    // The preliminary: the host calls 李四, the judge scores and submits.
    await callContestant(db, { roundId: round.id, contestantId: lisi.id });
    expect(await screen.findByRole('heading', { level: 2, name: '1 号 李四' })).toBeInTheDocument();
    await markAll(db, { roundId: round.id, judgeId: wang.id, contestantId: lisi.id });

    // The final begins: its first call moves the same tablet there, no join code asked.
    await callContestant(db, { roundId: final.id, contestantId: sunliu.id });
    expect(await screen.findByRole('heading', { level: 2, name: '1 号 孙六' }, MOVE)).toBeInTheDocument();
    expect(screen.queryByText('请输入您的 8 位评委码')).not.toBeInTheDocument();
    expect(contestantList().queryByRole('button', { name: /李四/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '总决赛', pressed: true })).toBeInTheDocument();
    expect(await readJudgeSession(db)).toMatchObject({ judgeId: wang.id, roundId: final.id });

    // The judge's marks in the final are theirs to give.
    await markAll(db, { roundId: final.id, judgeId: wang.id, contestantId: sunliu.id });

    // The judge looks back at the preliminary: it stays there until the host calls again.
    await user.click(screen.getByRole('button', { name: '市级决赛' }));
    await waitFor(
      () => expect(contestantList().getByRole('button', { name: /李四/ })).toBeInTheDocument(),
      MOVE,
    );
    expect(screen.getByRole('button', { name: '市级决赛', pressed: true })).toBeInTheDocument();
    expect(await readJudgeSession(db)).toMatchObject({ roundId: round.id });
  });

  it('opens on the round on stage when it joins mid-day', async () => {
    const db = freshDb();
    const { round, final, wang, lisi, sunliu } = await seedTwoRounds(db);
    await callContestant(db, { roundId: round.id, contestantId: lisi.id });
    await callContestant(db, { roundId: final.id, contestantId: sunliu.id });
    await renderBoundJudge(db, wang.id, null);
    expect(await screen.findByRole('heading', { level: 2, name: '1 号 孙六' }, MOVE)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '总决赛', pressed: true })).toBeInTheDocument();
  });

  it('waits while a sheet of the earlier round is in progress, and says where the host is calling', {
    timeout: 20_000,
  }, async () => {
    const db = freshDb();
    const { round, final, wang, lisi, sunliu } = await seedTwoRounds(db);
    await renderBoundJudge(db, wang.id, null);
    await callContestant(db, { roundId: round.id, contestantId: lisi.id });
    await screen.findByRole('heading', { level: 2, name: '1 号 李四' });
    const sheet = { roundId: round.id, judgeId: wang.id, contestantId: lisi.id };
    await pressKey(db, { ...sheet, criterionId: 'content' }, '3');
    await waitFor(() =>
      expect(contestantList().getByRole('button', { name: /李四/ })).toHaveTextContent('评分中'),
    );

    await callContestant(db, { roundId: final.id, contestantId: sunliu.id });
    expect(
      await screen.findByText('主持人已在“总决赛”叫号。提交当前评分表后将自动前往。'),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: '1 号 李四' })).toBeInTheDocument();

    await db.drafts.clear();
    await markAll(db, sheet);
    expect(await screen.findByRole('heading', { level: 2, name: '1 号 孙六' }, MOVE)).toBeInTheDocument();
  });
});
