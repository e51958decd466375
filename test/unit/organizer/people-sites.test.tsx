/** 观摩评分 in the 选手 panel: the round marked as a site-visit round, each contestant's 观摩点 typed and checked. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ContestantsPanel } from '../../../src/app/organizer/people/ContestantsPanel';
import { freshDb, seedRound } from '../db/helpers';
import { renderWith } from './people-helpers';

async function setup() {
  const db = freshDb();
  const seeded = await seedRound(db);
  const user = userEvent.setup();
  renderWith(db, <ContestantsPanel roundId={seeded.round.id} />);
  await screen.findByRole('heading', { name: '选手（3 位）' });
  return { db, user, ...seeded };
}

describe('site-visit rounds in the contestants panel', () => {
  it('asks for sites only once the round is a site-visit round', async () => {
    const { db, user, round } = await setup();
    await user.click(screen.getByRole('button', { name: '编辑 张三' }));
    expect(screen.queryByRole('textbox', { name: '观摩点' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '取消' }));

    await user.click(screen.getByRole('checkbox', { name: /观摩评分/ }));
    await expect.poll(async () => (await db.rounds.get(round.id))?.siteVisit).toBe(true);
    expect(await screen.findByRole('columnheader', { name: '观摩点' })).toBeInTheDocument();
  });

  it('refuses a site time that is no time, beside the field, then saves the sites', async () => {
    const { db, user, round, contestants } = await setup();
    await user.click(screen.getByRole('checkbox', { name: /观摩评分/ }));
    await screen.findByRole('columnheader', { name: '观摩点' });
    await user.click(screen.getByRole('button', { name: '编辑 张三' }));
    const sites = screen.getByRole('textbox', { name: '观摩点' });
    await user.type(sites, '大泉湖村 25:00');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(sites).toHaveAccessibleDescription(/观摩点“大泉湖村 25:00”的时间无效/);
    expect((await db.contestants.get(contestants[0].id))?.sites).toBeUndefined();

    await user.clear(sites);
    await user.type(sites, '大泉湖村 9:30；三工镇党群服务中心');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText('已保存：张三');
    expect((await db.contestants.get(contestants[0].id))?.sites).toEqual([
      { name: '大泉湖村', time: '09:30' },
      { name: '三工镇党群服务中心' },
    ]);
    const row = screen.getByRole('row', { name: /张三/ });
    expect(within(row).getByText('大泉湖村 09:30；三工镇党群服务中心')).toBeInTheDocument();
    expect((await db.rounds.get(round.id))?.siteVisit).toBe(true);
  });
});
