import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { LeitaiDB } from '../../../src/db/database';
import { enterMark, importRoster } from '../../../src/db/repository';
import type { RoundRecord } from '../../../src/domain/records';
import { freshDb } from '../db/helpers';
import { competitionFromTemplate, renderOrganizer } from './organizer-helpers';

/** 5 contestants and 3 judges; 李四 and 王五 get the same marks (a tie at rank 2). */
async function heats(db: LeitaiDB, options: { unfinished?: boolean } = {}) {
  const { competition, round } = await competitionFromTemplate(db);
  const heatsRound = round as RoundRecord;
  const { judges, contestants } = await importRoster(db, heatsRound.id, {
    judges: [{ name: '王评委' }, { name: '李评委' }, { name: '赵评委' }],
    contestants: [
      { name: '张三', unit: '三工镇', topic: '强村富民' },
      { name: '李四', unit: '榆树沟镇', topic: '乡村振兴' },
      { name: '王五', unit: '佃坝镇', topic: '基层治理' },
      { name: '赵六', unit: '六工镇', topic: '产业兴旺' },
      { name: '孙七', unit: '滨湖镇', topic: '生态宜居' },
    ],
  });
  const below = [0, 20, 20, 35, 50]; // steps of 0.1 below the max, per contestant
  for (const [p, contestant] of contestants.entries()) {
    for (const [j, judge] of judges.entries()) {
      const criteria =
        options.unfinished && p === 4 && j === 2 ? heatsRound.criteria.slice(0, 2) : heatsRound.criteria;
      for (const criterion of criteria) {
        await enterMark(db, {
          roundId: heatsRound.id,
          judgeId: judge.id,
          contestantId: contestant.id,
          criterionId: criterion.id,
          value: criterion.max - criterion.step * ((below[p] ?? 0) + j),
        });
      }
    }
  }
  return { competition, round: heatsRound };
}

/** Who is marked as advancing, in name order (tied contestants are listed by draw, then id). */
function advancingNames(): string[] {
  const table = screen.getByRole('table', { name: '本轮排名和晋级名单' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .filter((row) => row.textContent?.endsWith('晋级'))
    .map((row) => row.querySelectorAll('td')[1]?.textContent ?? '')
    .sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

describe('advancement', () => {
  it('shows who advances, ties at the cut-off included, and copies them to a new round', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    const { competition, round } = await heats(db);
    renderOrganizer(db, `/organizer?competition=${competition.id}&round=${round.id}&tab=advancement`);
    await screen.findByRole('heading', { name: '“乡镇初赛”的排名' });

    const count = screen.getByLabelText('名额（人）');
    await user.clear(count);
    await user.type(count, '2');
    expect(advancingNames()).toEqual(['李四', '王五', '张三']);
    expect(screen.getByText('按此规则晋级 3 人')).toBeInTheDocument();
    expect(screen.getByText('第 2 名有并列：名额 2 人，并列者全部晋级，实际晋级 3 人')).toBeInTheDocument();
    expect(screen.getByLabelText('目标轮次')).toHaveDisplayValue('新建轮次…');
    expect(screen.getByText(/将把这 3 位选手的姓名、单位、题目和照片复制到“市级决赛”/)).toBeInTheDocument();
    expect(
      screen.getByText('将先新建轮次“市级决赛”，评分表和评分规则与“乡镇初赛”相同。'),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '复制 3 位选手到“市级决赛”' }));
    expect(await screen.findByText('已保存：3 位选手已复制到“市级决赛”')).toBeInTheDocument();
    const final = (await db.rounds.toArray()).find((each) => each.name === '市级决赛');
    expect(final?.criteria).toEqual(round.criteria);
    const copied = await db.contestants
      .where('roundId')
      .equals(final?.id ?? '')
      .sortBy('order');
    // In ranking order: 张三 first, then the tied two.
    expect(copied[0]?.name).toBe('张三');
    expect(copied.map((c) => [c.name, c.unit, c.topic, c.status, c.draw]).sort()).toEqual([
      ['张三', '三工镇', '强村富民', 'active', null],
      ['李四', '榆树沟镇', '乡村振兴', 'active', null],
      ['王五', '佃坝镇', '基层治理', 'active', null],
    ]);
    expect(screen.getByRole('link', { name: '查看“市级决赛”的选手' })).toHaveAttribute(
      'href',
      `/organizer?competition=${competition.id}&round=${final?.id}&tab=contestants`,
    );

    // Once more into the same round: refused, naming who is already there.
    await waitFor(() => expect(screen.getByLabelText('目标轮次')).toHaveDisplayValue('市级决赛'));
    await user.click(screen.getByRole('button', { name: '复制 3 位选手到“市级决赛”' }));
    const refusal = await screen.findByRole('alert');
    expect(refusal).toHaveTextContent(
      '轮次“市级决赛”已有同名同单位的选手，没有复制任何选手：张三（三工镇）、',
    );
    expect(refusal).toHaveTextContent('李四（榆树沟镇）');
    expect(refusal).toHaveTextContent('王五（佃坝镇）');
    expect(
      await db.contestants
        .where('roundId')
        .equals(final?.id ?? '')
        .count(),
    ).toBe(3);
  });

  it('advances by percent or through an award tier, and refuses a bad number', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    const { competition, round } = await heats(db);
    renderOrganizer(db, `/organizer?competition=${competition.id}&round=${round.id}&tab=advancement`);
    await screen.findByRole('heading', { name: '“乡镇初赛”的排名' });

    await user.clear(screen.getByLabelText('名额（人）'));
    await user.type(screen.getByLabelText('名额（人）'), '0');
    expect(screen.getByLabelText('名额（人）')).toHaveAccessibleDescription('名额“0”应为不小于 1 的整数');
    expect(screen.queryByRole('button', { name: /^复制/ })).not.toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: /前百分之几/ }));
    const percent = screen.getByLabelText('比例（%）');
    await user.clear(percent);
    await user.type(percent, '20');
    expect(advancingNames()).toEqual(['张三']);

    await user.click(screen.getByRole('radio', { name: /按奖项/ }));
    await user.selectOptions(screen.getByLabelText('获得此奖项及以上'), '二等奖');
    expect(advancingNames()).toEqual(['李四', '王五', '张三']);
    expect(screen.queryByText(/^第 \d+ 名有并列/)).not.toBeInTheDocument();
  });

  it('waits until every contestant of the round is complete', async () => {
    const db = freshDb();
    const { competition, round } = await heats(db, { unfinished: true });
    renderOrganizer(db, `/organizer?competition=${competition.id}&round=${round.id}&tab=advancement`);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '本轮还有 1 位选手评分中（孙七），全部评完后才能晋级',
    );
    expect(screen.queryByRole('button', { name: /^复制/ })).not.toBeInTheDocument();
  });
});
