/**
 * Each judge's tablet on the host console (issue 12, finding 6): online, or offline with its last
 * contact, next to the sheet's status; and, when the console itself is offline or not logged in,
 * that, instead of calling every tablet offline. The console's sync client and the venue server
 * are faked (fake-device-sync.ts): GET /presence answers what the test says.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { callContestant } from '../../../src/db/repository';
import { syncStateTable } from '../../../src/sync/sync-state';
import { freshDb } from '../db/helpers';
import { fakeSync, hostSession, tabletPresence } from './fake-device-sync';
import { renderHost, scoreSheet, seedStageRound } from './stage-helpers';

vi.mock('../../../src/app/sync/device-sync', async (importOriginal) =>
  (await import('./fake-device-sync')).withFakeSync(await importOriginal()),
);

/** 李四 on stage: 王评委 has submitted, 李评委 and 赵评委 have not started. */
async function onStage() {
  const db = freshDb();
  const { round, judges, contestants } = await seedStageRound(db);
  await callContestant(db, { roundId: round.id, contestantId: contestants[1].id });
  await scoreSheet(db, round.id, judges[0].id, contestants[1].id, 90);
  await syncStateTable(db).put({ key: 'session', session: hostSession });
  return { db, round, judges };
}

const panel = () => screen.findByRole('region', { name: '评委评分进度' });
const judgeRow = async (name: string) =>
  within(await panel())
    .getByText(name)
    .closest('li') as HTMLElement;

describe('the judges’ tablets on the host console', () => {
  it('shows each tablet online, or offline with its last contact, next to the sheet status', async () => {
    const { db, round, judges } = await onStage();
    const presence = tabletPresence(judges);
    const calls = fakeSync({ online: true, session: hostSession }, async () => ({
      status: 200,
      body: presence,
    }));
    renderHost(db, round.id);

    await waitFor(
      async () => expect(await judgeRow('李评委')).toHaveTextContent('平板离线 · 最后联系 14:03'),
      { timeout: 20_000 },
    );
    expect(await judgeRow('李评委')).toHaveTextContent('未开始');
    expect(await judgeRow('王评委')).toHaveTextContent('平板在线');
    expect(await judgeRow('赵评委')).toHaveTextContent('尚无平板登录');
    expect(calls[0]).toMatchObject({
      method: 'GET',
      path: '/presence',
      query: { round: round.id },
      token: 'host-token',
    });
  });

  it('says the console is offline, instead of calling the tablets offline', async () => {
    const { db, round } = await onStage();
    const calls = fakeSync({ online: false, session: hostSession }, () =>
      Promise.reject(new Error('unreachable')),
    );
    renderHost(db, round.id);
    expect(
      await within(await panel()).findByText('主持台离线，暂时看不到评委平板是否在线'),
    ).toBeInTheDocument();
    expect(within(await panel()).queryByText(/平板离线/)).toBeNull();
    expect(calls).toEqual([]);
  });

  it('says the console is offline when the server stops answering', async () => {
    const { db, round } = await onStage();
    fakeSync({ online: true, session: hostSession }, () => Promise.reject(new TypeError('Failed to fetch')));
    renderHost(db, round.id);
    expect(
      await within(await panel()).findByText('主持台离线，暂时看不到评委平板是否在线'),
    ).toBeInTheDocument();
    expect(within(await panel()).queryByText(/平板离线/)).toBeNull();
  });

  it('says the console is not logged in when it has no session', async () => {
    const { db, round } = await onStage();
    const calls = fakeSync({ online: false, session: null }, () => Promise.reject(new Error('no call')));
    renderHost(db, round.id);
    expect(
      await within(await panel()).findByText('主持台未登录场馆服务器，看不到评委平板是否在线'),
    ).toBeInTheDocument();
    expect(calls).toEqual([]);
  });
});
