// /stage?round=… opened on a device the round has not reached yet (a host who follows a link
// before the first sync): the console says the round is not on this device, and shows once the
// round's events arrive, without a reload.
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { applyRemoteEvents } from '../../../src/db/remote';
import { freshDb } from '../db/helpers';
import { renderHost, seedStageRound } from './stage-helpers';

describe('a round that reaches the host console after it opened', () => {
  it('is said to be missing, then shown as soon as it has synced', async () => {
    const laptop = freshDb();
    const { round } = await seedStageRound(laptop);
    const host = freshDb();
    renderHost(host, round.id);
    expect(
      await screen.findByText('本设备上还没有这个轮次：可能还没有同步过来，或已被删除。'),
    ).toBeInTheDocument();

    await applyRemoteEvents(host, await laptop.events.orderBy('[deviceId+deviceSeq]').toArray());
    expect(await screen.findByRole('heading', { name: '出场顺序' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.queryByText(/本设备上还没有这个轮次/)).toBeNull();
    // The console checks the round's signatures in the background (a chunk of its own): let that
    // chunk finish loading before the test's window goes.
    await import('../../../src/domain/signing-checks');
  });
});
