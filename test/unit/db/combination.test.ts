import { describe, expect, it } from 'vitest';
import { setCombination } from '../../../src/db/combination';
import { RepositoryError } from '../../../src/db/errors';
import { combinedStandingsOf } from '../../../src/db/queries/combination';
import { competitionById } from '../../../src/db/repository';
import type { Combination } from '../../../src/domain/combination';
import { seedTwoStages } from './combination-seed';
import { freshDb } from './helpers';

function fortySixty(visit: string, stage: string): Combination {
  return {
    stages: [
      { roundId: visit, weight: 4000 },
      { roundId: stage, weight: 6000 },
    ],
    decimals: 2,
    rounding: 'half-up',
    tieBreak: [`stage:${stage}`],
    awards: [{ name: '一等奖', count: 1 }],
  };
}

async function refusedIssues(promise: Promise<unknown>): Promise<{ code: string; path: string }[]> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof RepositoryError) || error.reason.name !== 'combinationRules')
    throw new Error(`expected the combination refused, got ${String(error)}`);
  return error.reason.params.issues.map(({ code, path }) => ({ code, path }));
}

describe('the stage combination of a competition', () => {
  it('is stored on the competition and combines the rounds live: 观摩 × 40% + 擂台 × 60%', async () => {
    const db = freshDb();
    const { competition, visit, stage } = await seedTwoStages(db);
    await setCombination(db, competition.id, fortySixty(visit.id, stage.id));
    expect((await competitionById(db, competition.id))?.combination?.stages).toHaveLength(2);

    const read = await combinedStandingsOf(db, competition.id);
    // 李四 80 × 0.4 + 95 × 0.6 = 89.00; 张三 90 × 0.4 + 80 × 0.6 = 84.00; 王五 has no 擂台 score yet.
    expect(read?.standings?.ranked.map((row) => [row.name, row.score, row.rank, row.award])).toEqual([
      ['李四', '89.00', 1, '一等奖'],
      ['张三', '84.00', 2, null],
    ]);
    expect(read?.standings?.ranked[0]?.parts.map((part) => [part.score, part.percent])).toEqual([
      ['80.00', '40'],
      ['95.00', '60'],
    ]);
    expect(read?.standings?.pending.map((row) => row.name)).toEqual(['王五']);
  });

  it('shows only what was revealed on the projector: nobody is complete before a reveal', async () => {
    const db = freshDb();
    const { competition, visit, stage } = await seedTwoStages(db);
    await setCombination(db, competition.id, fortySixty(visit.id, stage.id));
    const read = await combinedStandingsOf(db, competition.id, 'revealed');
    expect(read?.standings?.ranked).toEqual([]);
    expect(read?.standings?.pending).toHaveLength(3);
  });

  it('refuses a weight of 0, an unknown round and a foreign tie-break, naming each, and changes nothing', async () => {
    const db = freshDb();
    const { competition, visit } = await seedTwoStages(db);
    const bad: Combination = {
      stages: [
        { roundId: visit.id, weight: 0 },
        { roundId: 'no-such-round', weight: 6000 },
      ],
      decimals: 2,
      rounding: 'half-up',
      tieBreak: ['criterion:score' as `stage:${string}`],
      awards: [],
    };
    expect(await refusedIssues(setCombination(db, competition.id, bad))).toEqual([
      { code: 'stageWeightInvalid', path: 'stages[0].weight' },
      { code: 'stageUnknown', path: 'stages[1].roundId' },
      { code: 'combinationTieBreakUnknown', path: 'tieBreak[0]' },
    ]);
    expect((await competitionById(db, competition.id))?.combination).toBeUndefined();
    expect(await combinedStandingsOf(db, competition.id)).toBeNull();
  });

  it('refuses a round of another competition, and null removes the combination', async () => {
    const db = freshDb();
    const first = await seedTwoStages(db);
    const second = await seedTwoStages(db);
    expect(
      await refusedIssues(
        setCombination(db, first.competition.id, fortySixty(first.visit.id, second.stage.id)),
      ),
    ).toContainEqual({ code: 'stageUnknown', path: 'stages[1].roundId' });
    await setCombination(db, first.competition.id, fortySixty(first.visit.id, first.stage.id));
    await setCombination(db, first.competition.id, null);
    expect((await competitionById(db, first.competition.id))?.combination).toBeUndefined();
  });
});
