/**
 * 公布 and the audience's voting: the reveal is refused while the contestant's window is open
 * (the lock freezes the marks, not the votes), and the host console says so before 公布; once
 * closed, a count the server has not sealed yet is said and confirmed knowingly.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LeitaiDB } from '../../../src/db/database';
import {
  applyRemoteEvents,
  callContestant,
  closeAudienceVoting,
  openAudienceVoting,
  readProjection,
  revealContestant,
} from '../../../src/db/repository';
import type { LeitaiEvent } from '../../../src/domain/events';
import type { RoundRecord } from '../../../src/domain/records';
import { giveAudience, groupJudges, serverVote } from '../audience/helpers';
import { freshDb, refusal } from '../db/helpers';
import { renderHost, scoreSheet, seedStageRound } from './stage-helpers';

const LIVE = { timeout: 15_000 };

/** 李四 on stage, the three experts' sheets in, and the audience voting for 李四 with two phones. */
async function votingRound(db: LeitaiDB) {
  const seeded = await seedStageRound(db);
  const round = await giveAudience(db, seeded.round);
  await groupJudges(db, seeded.judges);
  const lisi = seeded.contestants[1];
  await callContestant(db, { roundId: round.id, contestantId: lisi.id });
  for (const [at, judge] of seeded.judges.entries())
    await scoreSheet(db, round.id, judge.id, lisi.id, 90 - 10 * at);
  const windowId = await openAudienceVoting(db, round.id, lisi.id);
  await applyRemoteEvents(db, [
    serverVote(round, windowId, lisi.id, 1, 1, 1),
    serverVote(round, windowId, lisi.id, 2, 0, 2),
  ]);
  return { round, lisi, windowId };
}

/** The server's seal of a closed window, as it writes it when it admits the host's close. */
function serverSeal(round: RoundRecord, windowId: string, contestantId: string, votes: number): LeitaiEvent {
  return {
    id: `seal-${windowId}`,
    deviceId: 'venue-server',
    deviceSeq: 100_000,
    author: { role: 'server' },
    competitionId: round.competitionId,
    roundId: round.id,
    recordedAt: new Date().toISOString(),
    type: 'audience.seal',
    payload: { windowId, contestantId, votes },
  };
}

describe('公布 while the audience votes', () => {
  it('refuses the reveal while the window is open, changing nothing, and reveals once it is closed', async () => {
    const db = freshDb();
    const { round, lisi, windowId } = await votingRound(db);
    const before = await readProjection(db);
    expect(
      await refusal(revealContestant(db, { roundId: round.id, contestantId: lisi.id }), 'voting-open'),
    ).toBe('选手“李四”的大众投票仍在进行，请先结束投票');
    expect(await readProjection(db)).toEqual(before);

    await closeAudienceVoting(db, round.id, windowId);
    const lock = await revealContestant(db, { roundId: round.id, contestantId: lisi.id, pace: 'instant' });
    expect(lock.payload).toMatchObject({ contestantId: lisi.id, override: null });
  });

  it('disables 公布成绩 while voting is open, and asks to confirm a count the server has not sealed', async () => {
    const db = freshDb();
    const { round, lisi, windowId } = await votingRound(db);
    const { user } = renderHost(db, round.id);
    await screen.findByText('大众投票仍在进行，请先结束投票，再公布成绩。', {}, LIVE);
    expect(screen.getByRole('button', { name: '公布成绩' })).toBeDisabled();

    await closeAudienceVoting(db, round.id, windowId);
    const unsealed = '大众投票已结束，但服务器尚未确认票数：公布的大众得分可能还会变化。';
    await screen.findByText(unsealed, {}, LIVE);
    expect(screen.queryByText('大众投票仍在进行，请先结束投票，再公布成绩。')).toBeNull();
    await waitFor(() => expect(screen.getByRole('button', { name: '公布成绩' })).toBeEnabled(), LIVE);
    await user.click(screen.getByRole('button', { name: '公布成绩' }));
    const dialog = await screen.findByRole('dialog', {}, LIVE);
    expect(within(dialog).getByText(unsealed)).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: '票数未确认，仍然公布' })).toBeTruthy();

    // The seal arrives: the count is final, and the dialog asks no more than for any reveal.
    await applyRemoteEvents(db, [serverSeal(round, windowId, lisi.id, 2)]);
    await waitFor(() => expect(screen.queryByText(unsealed)).toBeNull(), LIVE);
    await user.click(within(dialog).getByRole('button', { name: '确认公布' }));
    await screen.findByText('已公布，评分已锁定', {}, LIVE);
  });
});
