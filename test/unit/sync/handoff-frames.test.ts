// @vitest-environment node
/** 离线交接 framing: a payload comes back whole from its frames in any order, duplicates and all. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32, FrameCollector, type FrameOutcome, splitIntoFrames } from '../../../src/sync/handoff-frames';

function feed(collector: FrameCollector, frames: readonly string[]): FrameOutcome[] {
  return frames.map((frame) => collector.add(frame));
}

describe('hand-off frames', () => {
  it('reassemble to the exact payload whatever the order, with any frame seen many times', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 0, maxLength: 3000, unit: 'grapheme' }),
        fc.integer({ min: 5, max: 400 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (payload, dataLength, shuffle) => {
          const frames = splitIntoFrames(payload, dataLength);
          const order = frames.map((frame, index) => ({
            frame,
            key: shuffle[index % (shuffle.length || 1)] ?? 0,
          }));
          order.sort((a, b) => a.key - b.key);
          const scanned = [
            ...order.map((entry) => entry.frame),
            ...order.slice(0, 3).map((entry) => entry.frame),
          ];
          const collector = new FrameCollector();
          const outcomes = feed(collector, scanned);
          const complete = outcomes.find((outcome) => outcome.kind === 'complete');
          expect(complete).toEqual({ kind: 'complete', payload });
          // Nothing completes before the last missing frame arrives.
          expect(outcomes.findIndex((outcome) => outcome.kind === 'complete')).toBe(
            frames.length - 1 + countRepeatsBefore(scanned, frames.length),
          );
        },
      ),
    );
  });

  it('count duplicates as such and say how many of how many are in', () => {
    const frames = splitIntoFrames('x'.repeat(25), 10);
    const collector = new FrameCollector();
    expect(feed(collector, [frames[1] as string, frames[1] as string])).toEqual([
      { kind: 'added', received: 1, count: 3 },
      { kind: 'duplicate', received: 1, count: 3 },
    ]);
  });

  it('refuse a corrupted frame, and still complete from a good copy of it', () => {
    const payload = 'leitai '.repeat(50);
    const frames = splitIntoFrames(payload, 100);
    const good = frames[2] as string;
    const corrupted = `${good.slice(0, -1)}${good.endsWith('X') ? 'Y' : 'X'}`;
    const collector = new FrameCollector();
    expect(collector.add(corrupted)).toEqual({ kind: 'refused', reason: 'corrupted' });
    const outcomes = feed(collector, frames);
    expect(outcomes.at(-1)).toEqual({ kind: 'complete', payload });
  });

  it('refuse text that is no hand-off frame, and a frame of another tablet’s set', () => {
    const collector = new FrameCollector();
    expect(collector.add('https://example.com/judge?code=12345678')).toEqual({
      kind: 'refused',
      reason: 'notHandoff',
    });
    const ours = splitIntoFrames('a'.repeat(30), 10);
    const theirs = splitIntoFrames('b'.repeat(30), 10);
    collector.add(ours[0] as string);
    expect(collector.add(theirs[1] as string)).toEqual({ kind: 'refused', reason: 'otherSet' });
  });

  it('refuse a set whose frames check out one by one but not as a whole (a forged checksum)', () => {
    const frames = splitIntoFrames('c'.repeat(20), 10);
    const [prefix, , index, count] = (frames[1] as string).split('/');
    const data = 'd'.repeat(10);
    const set = (frames[0] as string).split('/')[1];
    const forged = [prefix, set, index, count, crc32(data), data].join('/');
    const collector = new FrameCollector();
    expect(feed(collector, [frames[0] as string, forged]).at(-1)).toEqual({
      kind: 'refused',
      reason: 'corrupted',
    });
  });
});

/** Repeats scanned before the set completes: the first `count` distinct frames complete it. */
function countRepeatsBefore(scanned: readonly string[], count: number): number {
  const seen = new Set<string>();
  let repeats = 0;
  for (const frame of scanned) {
    if (seen.size === count) break;
    if (seen.has(frame)) repeats++;
    else seen.add(frame);
  }
  return repeats;
}
