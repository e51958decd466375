/**
 * The organizer's two wipes (issue 12): 删除示例赛事 removes the demo, marks and all, with one
 * confirmed action; 开始彩排 / 结束彩排并清除 on a real round, the rehearsal round never listed
 * among the competition's rounds.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { placeHref } from '../../../src/app/organizer/location';
import { callContestant, enterMark, submitSheet } from '../../../src/db/repository';
import { freshDb, seedRound } from '../db/helpers';
import { loadDemo } from '../results/demo';
import { renderOrganizer } from './organizer-helpers';

describe('the organizer screens', { timeout: 60_000 }, () => {
  it('delete the demo with one confirmed action although it has marks', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    const demo = await loadDemo(db);
    renderOrganizer(db);
    const card = (await screen.findByRole('link', { name: demo.competition.name })).closest(
      'li',
    ) as HTMLElement;
    expect(within(card).getByText('示例')).toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: '删除' }));
    const dialog = await screen.findByRole('alertdialog', {
      name: `删除示例赛事“${demo.competition.name}”？`,
    });
    expect(within(dialog).getByText(/包括评委在示例中打的分/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: '删除示例赛事' }));
    // 500 and more records go in one transaction: slower than a keystroke.
    const slow = { timeout: 20_000 };
    await waitFor(() => expect(screen.queryByRole('link', { name: demo.competition.name })).toBeNull(), slow);
    expect(await db.competitions.count()).toBe(0);
    expect(await db.marks.count()).toBe(0);
    expect((await db.events.toArray()).map((event) => event.type)).toEqual(['scope.purge']);
    expect(await screen.findByText(/已删除示例赛事/, {}, slow)).toBeInTheDocument();
  });

  it('start a rehearsal of a round, keep it out of the round list, and end it with everything wiped', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    const seeded = await seedRound(db);
    // A real mark, which the rehearsal must leave alone.
    for (const criterion of seeded.round.criteria) {
      await enterMark(db, {
        roundId: seeded.round.id,
        judgeId: seeded.judges[0].id,
        contestantId: seeded.contestants[1].id,
        criterionId: criterion.id,
        value: criterion.max - 100,
      });
    }
    await submitSheet(db, {
      roundId: seeded.round.id,
      judgeId: seeded.judges[0].id,
      contestantId: seeded.contestants[1].id,
    });
    const realEvents = JSON.stringify(await db.events.where('roundId').equals(seeded.round.id).toArray());
    // The simulated judges a thousand times faster: sheets in tens of milliseconds.
    const address = placeHref({ competitionId: seeded.competition.id, roundId: seeded.round.id });
    renderOrganizer(db, `${address}&rehearsalSpeed=1000`);

    // The panel is a chunk of its own, loaded after the workspace.
    await user.click(await screen.findByRole('button', { name: '开始彩排' }, { timeout: 20_000 }));
    expect(
      await screen.findByText(/彩排进行中：请在主持台和大屏选择“市级决赛（彩排）”/, {}, { timeout: 20_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText(/已收到模拟评分表 0 份/)).toBeInTheDocument();
    const rehearsal = (await db.rounds.toArray()).find((round) => round.rehearsalOf === seeded.round.id);
    expect(rehearsal?.name).toBe('市级决赛（彩排）');
    expect(
      await db.judges
        .where('roundIds')
        .equals(rehearsal?.id ?? '')
        .count(),
    ).toBe(3);
    expect(
      await db.contestants
        .where('roundId')
        .equals(rehearsal?.id ?? '')
        .count(),
    ).toBe(3);
    // The host calls 张三 of 三工镇 in the rehearsal: the two simulated judges not of 三工镇 mark him.
    const called = (
      await db.contestants
        .where('roundId')
        .equals(rehearsal?.id ?? '')
        .toArray()
    ).find((contestant) => contestant.name === '张三');
    await callContestant(db, { roundId: rehearsal?.id ?? '', contestantId: called?.id ?? '' });
    expect(await screen.findByText(/已收到模拟评分表 2 份/, {}, { timeout: 20_000 })).toBeInTheDocument();
    const simulated = await db.events
      .where('[roundId+type]')
      .equals([rehearsal?.id ?? '', 'sheet.submit'])
      .toArray();
    expect(simulated.map((event) => event.author)).toEqual([{ role: 'organizer' }, { role: 'organizer' }]);
    await user.click(screen.getByRole('button', { name: '结束彩排并清除' }));
    const dialog = await screen.findByRole(
      'alertdialog',
      { name: '结束彩排并清除“市级决赛（彩排）”？' },
      { timeout: 20_000 },
    );
    await user.click(within(dialog).getByRole('button', { name: '结束彩排并清除' }));
    expect(
      await screen.findByText(/彩排已结束，彩排数据已清除/, {}, { timeout: 20_000 }),
    ).toBeInTheDocument();
    expect(await db.rounds.count()).toBe(1);
    expect(await db.judges.count()).toBe(3);
    expect((await db.judges.toArray()).some((judge) => judge.simulated)).toBe(false);
    expect(JSON.stringify(await db.events.where('roundId').equals(seeded.round.id).toArray())).toBe(
      realEvents,
    );
    expect(await screen.findByRole('button', { name: '开始彩排' })).toBeInTheDocument();
  });

  it('never list a rehearsal round among the competition’s rounds', async () => {
    const db = freshDb();
    const seeded = await seedRound(db);
    const { startRehearsal } = await import('../../../src/db/rehearsal');
    await startRehearsal(db, seeded.round.id);
    renderOrganizer(db, placeHref({ competitionId: seeded.competition.id }));
    expect(await screen.findByRole('link', { name: '市级决赛' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '市级决赛（彩排）' })).toBeNull();
  });
});
