/**
 * 大众投票 on the host console and the projector: the host opens voting for the contestant on
 * stage, the votes the venue server writes move both tallies, the projector shows the voting
 * page's QR code while the window is open, and the host closes it.
 */
import { cleanup, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { applyRemoteEvents, callContestant, openVotingOfRound } from '../../../src/db/repository';
import { giveAudience, groupJudges, serverVote } from '../audience/helpers';
import { freshDb } from '../db/helpers';
import { renderHost, renderProjector, seedStageRound } from './stage-helpers';

describe('audience voting on stage', () => {
  it('the host opens and closes voting; the host console and the projector count the votes', async () => {
    const db = freshDb();
    const seeded = await seedStageRound(db);
    const round = await giveAudience(db, seeded.round);
    await groupJudges(db, seeded.judges);
    const [first] = seeded.contestants;
    await callContestant(db, { roundId: round.id, contestantId: first.id });

    const { user } = renderHost(db, round.id);
    await user.click(await screen.findByRole('button', { name: '开始投票（30 秒）' }));
    expect((await screen.findByTestId('host-audience-status')).textContent).toMatch(
      /^“张三”投票中 · 剩余 \d+ 秒$/,
    );
    const open = await openVotingOfRound(db, round.id);
    await applyRemoteEvents(db, [
      serverVote(round, open?.windowId as string, first.id, 1, 1, 1),
      serverVote(round, open?.windowId as string, first.id, 2, 0, 2),
    ]);
    await waitFor(() =>
      expect(screen.getByTestId('host-audience-tally').textContent).toBe('已投 2 票 · 支持率 50%'),
    );
    cleanup();

    renderProjector(db, round.id);
    await waitFor(() =>
      expect(screen.getByTestId('projector-audience-tally').textContent).toBe('2 人已投票 · 支持率 50%'),
    );
    expect(screen.getByRole('img', { name: /^大众投票二维码：http.*\/v$/ })).toBeTruthy();
    expect(screen.getByText('正在为“张三”投票')).toBeTruthy();
    cleanup();

    const host = renderHost(db, round.id);
    await host.user.click(await screen.findByRole('button', { name: '结束投票' }));
    await waitFor(() => expect(screen.queryByTestId('host-audience-status')).toBeNull());
    expect(await openVotingOfRound(db, round.id)).toBeNull();
    cleanup();
    renderProjector(db, round.id);
    await screen.findByText(/市级决赛/);
    expect(screen.queryByTestId('projector-audience')).toBeNull();
  });
});
