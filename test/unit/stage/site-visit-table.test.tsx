/**
 * 观摩进度 on the host console of a site-visit round: one row per contestant in the order of the
 * visits, each judge's sheet submitted / scoring / not yet / recused, a row complete once every
 * judge's sheet is in, and each judge's tablet as the venue server last saw it. The console's
 * sync client and the venue server are faked (fake-device-sync.ts), as in presence.test.tsx.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { putContestant, updateRound } from '../../../src/db/repository';
import { syncStateTable } from '../../../src/sync/sync-state';
import { freshDb } from '../db/helpers';
import { fakeSync, hostSession, tabletPresence } from './fake-device-sync';
import { renderHost, scoreSheet, seedStageRound } from './stage-helpers';

vi.mock('../../../src/app/sync/device-sync', async (importOriginal) =>
  (await import('./fake-device-sync')).withFakeSync(await importOriginal()),
);

const table = async () => within(await screen.findByRole('region', { name: '观摩进度' }));
const cellsOf = async (name: string) =>
  within((await table()).getByRole('row', { name: new RegExp(name) }))
    .getAllByRole('cell')
    .map((cell) => cell.textContent);

describe('the site-visit table on the host console', () => {
  it('says which sites are complete for which judge, in the order of the visits', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await seedStageRound(db);
    const [zhangsan, lisi, wangwu] = contestants;
    await syncStateTable(db).put({ key: 'session', session: hostSession });
    await updateRound(db, round.id, { siteVisit: true });
    await putContestant(db, {
      id: zhangsan.id,
      roundId: round.id,
      sites: [
        { name: '东风村', time: '10:00' },
        { name: '三工镇党群服务中心', time: '10:40' },
      ],
    });
    await putContestant(db, { id: lisi.id, roundId: round.id, sites: [{ name: '榆树沟村', time: '08:30' }] });
    for (const judge of judges) await scoreSheet(db, round.id, judge.id, lisi.id, 90);
    await scoreSheet(db, round.id, judges[0].id, zhangsan.id, 80, false);
    const presence = tabletPresence(judges);
    fakeSync({ online: true, session: hostSession }, async () => ({ status: 200, body: presence }));
    renderHost(db, round.id);

    const rows = (await table()).getAllByRole('rowheader').map((header) => header.textContent);
    expect(rows).toEqual([
      '榆树沟村 08:30李四',
      '东风村 10:00；三工镇党群服务中心 10:40张三',
      `未填观摩点${wangwu.name}`,
    ]);
    expect(await cellsOf('李四')).toEqual(['已提交', '已提交', '已提交', '已完成']);
    // 赵评委 (三工镇) recuses from 张三 (三工镇): the site waits for the other two only.
    expect(await cellsOf('张三')).toEqual(['评分中', '未评', '回避', '还差 2 位评委']);
    expect(await cellsOf('王五')).toEqual(['未评', '未评', '未评', '还差 3 位评委']);
    expect((await table()).getByRole('status')).toHaveTextContent('已完成 1/3 位选手（1/3 个观摩点）');

    const header = async (name: string) =>
      (await table()).getByRole('columnheader', { name: new RegExp(name) }).textContent;
    await waitFor(async () => expect(await header('李评委')).toBe('李评委平板离线 · 最后联系 14:03'), {
      timeout: 20_000,
    });
    expect(await header('王评委')).toBe('王评委平板在线');
    expect(await header('赵评委')).toBe('赵评委尚无平板登录');
  });

  it('completes a site when the last judge’s sheet arrives', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await seedStageRound(db);
    await updateRound(db, round.id, { siteVisit: true });
    await scoreSheet(db, round.id, judges[0].id, contestants[1].id, 90);
    await scoreSheet(db, round.id, judges[1].id, contestants[1].id, 90);
    renderHost(db, round.id);
    expect(await cellsOf('李四')).toEqual(['已提交', '已提交', '未评', '还差 1 位评委']);
    // The sheet as it arrives from a tablet that synced: the table follows its live read.
    await scoreSheet(db, round.id, judges[2].id, contestants[1].id, 90);
    await waitFor(async () =>
      expect(await cellsOf('李四')).toEqual(['已提交', '已提交', '已提交', '已完成']),
    );
  });
});
