/**
 * The draw's committed seed across devices: a second organizer device (the host console) shows
 * the fingerprint the laptop showed and can draw with its seed; a judge's tablet gets the
 * fingerprint only, never the seed before the draw.
 */
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DrawPanel } from '../../../src/app/organizer/draw/DrawPanel';
import { commitDrawSeed, drawLogOf, openDrawCommit } from '../../../src/db/repository';
import { seedFingerprint } from '../../../src/domain/draw';
import { pullEvents } from '../../../src/sync/client';
import { loginAsOrganizer } from '../../../src/sync/session';
import { renderWith } from '../organizer/people-helpers';
import { PASSWORD, testServer } from '../server/helpers';
import { deviceDb, pushAndPull, setUpVenue } from './helpers';
import { MemoryNetwork } from './memory-network';

describe('a committed draw seed on other devices', () => {
  it('shows the same fingerprint on a second organizer device; a judge reads no seed', async () => {
    const network = new MemoryNetwork(testServer().core);
    const venue = await setUpVenue(network);
    const roundId = venue.seeded.round.id;
    await commitDrawSeed(venue.organizer.db, roundId, '3f2a9c1b7d4e0a55');
    await pushAndPull(venue.organizer);

    const consoleDb = deviceDb();
    const consoleTransport = network.transport('host-console');
    const session = await loginAsOrganizer(consoleDb, consoleTransport, PASSWORD);
    await pullEvents(consoleDb, consoleTransport, session);
    expect(openDrawCommit(await drawLogOf(consoleDb, roundId))?.payload).toEqual({
      seedFingerprint: seedFingerprint('3f2a9c1b7d4e0a55'),
      seed: '3f2a9c1b7d4e0a55',
    });
    renderWith(consoleDb, <DrawPanel roundId={roundId} />);
    const shown = (await screen.findByTestId('draw-fingerprint')).querySelector('.draw-fingerprint__short');
    expect(shown?.textContent).toBe(
      seedFingerprint('3f2a9c1b7d4e0a55').slice(0, 16).match(/.{4}/g)?.join(' '),
    );

    const tablet = venue.judges[0];
    if (!tablet) throw new Error('the venue has judges');
    await pullEvents(tablet.db, tablet.transport, tablet.session);
    expect(openDrawCommit(await drawLogOf(tablet.db, roundId))?.payload).toEqual({
      seedFingerprint: seedFingerprint('3f2a9c1b7d4e0a55'),
      seed: '',
    });
  });
});
