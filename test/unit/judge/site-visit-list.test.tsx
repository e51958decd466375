/** 观摩评分 on the judge's tablet: the contestants in the order of the visits, each with its 观摩点. */

import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { putContestant, updateRound } from '../../../src/db/repository';
import { freshDb } from '../db/helpers';
import { renderBoundJudge } from './render';
import { seedJudgeRound } from './seed';

beforeEach(() => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
});

const list = () => within(screen.getByRole('navigation', { name: '选手（出场顺序）' }));

describe('the contestant list of a site-visit round', () => {
  it('follows the sites’ times and names the sites; a stage round keeps the draw order', async () => {
    const db = freshDb();
    const seeded = await seedJudgeRound(db);
    const { round } = seeded;
    await putContestant(db, {
      id: seeded.wangwu.id,
      roundId: round.id,
      sites: [{ name: '佃坝村', time: '08:30' }],
    });
    await putContestant(db, {
      id: seeded.zhangsan.id,
      roundId: round.id,
      sites: [
        { name: '东风村', time: '10:00' },
        { name: '三工镇党群服务中心', time: '10:40' },
      ],
    });
    await renderBoundJudge(db, seeded.wang.id, null);
    const drawOrder = await list().findAllByRole('button');
    expect(drawOrder.map((button) => within(button).getByText(/号$/).textContent)).toEqual([
      '1 号',
      '2 号',
      '3 号',
    ]);

    await updateRound(db, round.id, { siteVisit: true });
    await waitFor(() => expect(list().getAllByRole('button')[0]).toHaveTextContent('王五'));
    expect(
      list()
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual([
      '3 号王五佃坝镇观摩点：佃坝村 08:30未开始',
      '2 号张三三工镇观摩点：东风村 10:00；三工镇党群服务中心 10:40未开始',
      '1 号李四榆树沟镇未开始',
    ]);
  });
});
