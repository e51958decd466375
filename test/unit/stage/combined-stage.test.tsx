import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { callContestant, revealContestant, setProjectorDisplay } from '../../../src/db/repository';
import { combinedReadout } from '../../../src/domain/readout-combination';
import { combineFortySixty, seedTwoStages } from '../db/combination-seed';
import { freshDb } from '../db/helpers';
import { renderHost, renderProjector } from './stage-helpers';

/** 观摩 40 + 擂台 60, 张三 and 李四 revealed in both rounds, 王五 only in 观摩. */
async function revealedStages() {
  const db = freshDb();
  const seeded = await seedTwoStages(db);
  const { visit, stage } = seeded;
  await combineFortySixty(db, seeded);
  for (const round of [visit, stage]) {
    const contestants = await db.contestants.where('roundId').equals(round.id).sortBy('name');
    for (const contestant of contestants) {
      if (round === stage && contestant.name === '王五') continue;
      await revealContestant(db, { roundId: round.id, contestantId: contestant.id });
    }
  }
  return { db, ...seeded };
}

describe('the combined ranking on the stage', () => {
  it('is the projector’s 总排名 view: a column per stage and the total, the formula above', async () => {
    const { db, stage } = await revealedStages();
    await setProjectorDisplay(db, stage.id, { view: 'combined', contestantId: null, theme: 'leitai' });
    renderProjector(db, stage.id);

    expect(await screen.findByRole('heading', { name: '总排名' })).toBeInTheDocument();
    expect(await screen.findByText('现场观摩得分 × 40% + 擂台演讲得分 × 60% = 总分')).toBeInTheDocument();
    const rows = within(screen.getByRole('list'))
      .getAllByRole('listitem')
      .map((row) => row.textContent);
    expect(rows).toEqual([
      '1李四榆树沟镇80.0095.0089.00一等奖',
      '2张三三工镇90.0080.0084.00',
      '—王五佃坝镇85.00评分中',
    ]);
  });

  it('is on the host console with the readout of the contestant on stage, naming each stage', async () => {
    const { db, stage } = await revealedStages();
    const li = await db.contestants
      .where('roundId')
      .equals(stage.id)
      .filter((c) => c.name === '李四')
      .first();
    if (!li) throw new Error('expected 李四');
    await callContestant(db, { roundId: stage.id, contestantId: li.id });
    renderHost(db, stage.id);

    const card = await screen.findByRole('region', { name: '总排名' });
    expect(
      await within(card).findByText(
        '李四：现场观摩得分80.00分 × 40% + 擂台演讲得分95.00分 × 60%，总分89.00分，总排名第1名。',
      ),
    ).toBeInTheDocument();
    expect(within(card).getAllByRole('row')).toHaveLength(3);
  });
});

describe('combinedReadout', () => {
  const part = (roundName: string, score: string, percent: string) => ({
    roundId: roundName,
    roundName,
    weight: percent,
    fullMarks: '100',
    percent,
    contestantId: 'p1',
    state: 'ranked' as const,
    status: null,
    score,
    contribution: null,
    contributionShown: null,
  });
  const result = {
    key: 'p1',
    name: '张三',
    unit: null,
    state: 'ranked' as const,
    parts: [part('观摩', '88.50', '40'), part('擂台', '90.00', '60')],
    exact: '89.4',
    score: '89.40',
    rank: 2,
    award: null,
    tied: true,
    separatedBy: null,
    tieBreakKeys: [],
    status: null,
  };

  it('says a tie, in both languages, and nothing for a person still pending', () => {
    expect(combinedReadout(result)).toBe(
      '张三：观摩得分88.50分 × 40% + 擂台得分90.00分 × 60%，总分89.40分，总排名并列第2名。',
    );
    expect(combinedReadout(result, 'en')).toBe(
      '张三: 观摩 88.50 × 40% + 擂台 90.00 × 60%, total 89.40, overall 2nd (tied).',
    );
    expect(combinedReadout({ ...result, state: 'pending', score: null, rank: null })).toBeNull();
  });
});
