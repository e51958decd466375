// @vitest-environment node
/** The results' hash chain: the same head on every device, and any tampering located. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildChain, CHAIN_GENESIS, canonicalJson, verifyChain } from '../../../src/domain/chain.ts';
import type { LeitaiEvent } from '../../../src/domain/events.ts';
import { eventLog } from '../db/arbitrary-events.ts';

const nonEmptyLog = eventLog.filter((log) => log.length >= 3);

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: null, y: '王' }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":"王","z":null}]},"b":1}',
    );
  });

  it('refuses values that are not plain JSON', () => {
    expect(() => canonicalJson({ at: new Date(0) })).toThrow('not a plain JSON value');
    expect(() => canonicalJson(Number.NaN)).toThrow('not a JSON number');
  });

  it('reads back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe('the chain', () => {
  it('has the same head whatever order the events arrived in', () => {
    fc.assert(
      fc.property(eventLog, fc.array(fc.integer()), (log, keys) => {
        const arrival = log
          .map((event, position) => ({ event, key: keys[position] ?? position }))
          .sort((a, b) => a.key - b.key)
          .map(({ event }) => event);
        expect(buildChain(arrival).head).toBe(buildChain(log).head);
        expect(verifyChain(buildChain(arrival).entries, buildChain(log).head)).toEqual([]);
      }),
    );
  });

  it('is empty at the genesis link', () => {
    expect(buildChain([]).head).toBe(CHAIN_GENESIS);
    expect(verifyChain([], CHAIN_GENESIS)).toEqual([]);
  });

  it('locates a changed event', () => {
    fc.assert(
      fc.property(nonEmptyLog, fc.nat(), (log, pick) => {
        const { entries, head } = buildChain(log);
        const at = pick % entries.length;
        const target = entries[at] as (typeof entries)[number];
        const changed = {
          ...target,
          event: { ...target.event, recordedAt: '2026-11-24T00:00:00.000Z' } as LeitaiEvent,
        };
        const tampered = entries.map((entry, index) => (index === at ? changed : entry));
        expect(verifyChain(tampered, head)).toEqual([
          { kind: 'linkMismatch', index: at, eventId: target.event.id },
        ]);
      }),
    );
  });

  it('detects a removed event as a gap or a broken link', () => {
    fc.assert(
      fc.property(nonEmptyLog, fc.nat(), (log, pick) => {
        const { entries, head } = buildChain(log);
        const at = pick % entries.length;
        const problems = verifyChain(
          entries.filter((_, index) => index !== at),
          head,
        );
        expect(problems.length).toBeGreaterThan(0);
        const kinds = new Set(problems.map((problem) => problem.kind));
        if (at < entries.length - 1) expect(kinds.has('linkMismatch')).toBe(true);
        else expect(kinds).toEqual(new Set(['headMismatch']));
      }),
    );
  });

  it('detects two swapped events', () => {
    fc.assert(
      fc.property(nonEmptyLog, fc.nat(), (log, pick) => {
        const { entries, head } = buildChain(log);
        const at = pick % (entries.length - 1);
        const swapped = [...entries];
        [swapped[at], swapped[at + 1]] = [
          swapped[at + 1] as (typeof entries)[number],
          swapped[at] as (typeof entries)[number],
        ];
        const kinds = verifyChain(swapped, head).map((problem) => problem.kind);
        expect(kinds).toContain('outOfOrder');
        expect(kinds).toContain('linkMismatch');
      }),
    );
  });
});
