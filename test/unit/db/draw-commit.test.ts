// @vitest-environment node
/** Which committed seed the next draw uses, whichever organizer device folds the log. */
import { describe, expect, it } from 'vitest';
import { type DrawLogEvent, openDrawCommit } from '../../../src/db/draw';

function logEvent(
  type: DrawLogEvent['type'],
  deviceId: string,
  recordedAt: string,
  fingerprint = `${deviceId}@${recordedAt}`,
): DrawLogEvent {
  const payload =
    type === 'draw.commit'
      ? { seedFingerprint: fingerprint, seed: 'seed' }
      : type === 'draw.record'
        ? { seedFingerprint: fingerprint, seed: 'seed', order: [] }
        : { order: [] };
  return {
    id: `${deviceId}-${recordedAt}`,
    deviceId,
    deviceSeq: 1,
    author: { role: 'organizer' },
    competitionId: 'c',
    roundId: 'r',
    recordedAt,
    type,
    payload,
  } as DrawLogEvent;
}

describe('openDrawCommit', () => {
  it('is the latest commit with no draw after it, in whatever order the events arrived', () => {
    const laptop = logEvent('draw.commit', 'laptop', '2026-11-22T09:00:00.000Z');
    const console2 = logEvent('draw.commit', 'console', '2026-11-22T09:01:00.000Z');
    expect(openDrawCommit([console2, laptop])).toBe(console2);
    expect(openDrawCommit([laptop, console2])).toBe(console2);
    const draw = logEvent('draw.record', 'console', '2026-11-22T09:02:00.000Z');
    expect(openDrawCommit([draw, laptop, console2])).toBeNull();
    // A manual move does not use up the seed.
    const moved = logEvent('order.manual', 'laptop', '2026-11-22T09:03:00.000Z');
    const next = logEvent('draw.commit', 'laptop', '2026-11-22T09:04:00.000Z');
    expect(openDrawCommit([next, moved, draw, laptop, console2])).toBe(next);
    expect(openDrawCommit([])).toBeNull();
  });
});
