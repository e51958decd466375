/**
 * The hash chain over a competition's events, so that official results are beyond dispute: the
 * backup and every export carry the chain's head, and `leitai verify` recomputes it. A changed,
 * removed or reordered event breaks the chain at a place verification can name.
 *
 * The chain runs over the events in their canonical order, by device then per-device sequence
 * number, so every device holding the same events computes the same head, whatever order sync
 * brought them in. Per device the sequence numbers are gapless (1, 2, 3…), so a removed event
 * also shows as a gap. Each link is SHA-256 of the previous link, a newline, and the event's
 * canonical JSON (keys sorted, no spaces).
 */
import type { LeitaiEvent } from './events.ts';
import { compareIds } from './order.ts';
import { sha256Hex } from './sha256.ts';

/** The link before the first event. */
export const CHAIN_GENESIS = sha256Hex('leitai-chain-v1');

/** JSON with object keys sorted at every level: one text per value, on every device. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`not a JSON number: ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const prototype = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (prototype === Object.prototype || prototype === null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => compareIds(a, b));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  throw new TypeError(`not a plain JSON value: ${Object.prototype.toString.call(value)}`);
}

export function compareChainOrder(a: LeitaiEvent, b: LeitaiEvent): number {
  return compareIds(a.deviceId, b.deviceId) || a.deviceSeq - b.deviceSeq;
}

export function chainLink(previous: string, event: LeitaiEvent): string {
  return sha256Hex(`${previous}\n${canonicalJson(event)}`);
}

export interface ChainedEvent {
  event: LeitaiEvent;
  /** The link after this event. */
  hash: string;
}

/** The events in chain order, each with its link, and the head (the last link). */
export function buildChain(events: readonly LeitaiEvent[]): { entries: ChainedEvent[]; head: string } {
  let previous = CHAIN_GENESIS;
  const entries = [...events].sort(compareChainOrder).map((event) => {
    previous = chainLink(previous, event);
    return { event, hash: previous };
  });
  return { entries, head: previous };
}

export type ChainProblem =
  | { kind: 'outOfOrder'; index: number; eventId: string }
  | { kind: 'gap'; index: number; deviceId: string; missingFrom: number; missingTo: number }
  | { kind: 'linkMismatch'; index: number; eventId: string }
  | { kind: 'headMismatch'; expected: string; actual: string };

/**
 * Checks a recorded chain: the order, the gapless sequence of each device, every link and the
 * head. Returns every problem found (an empty list means the chain is intact).
 */
export function verifyChain(entries: readonly ChainedEvent[], recordedHead: string): ChainProblem[] {
  const problems: ChainProblem[] = [];
  const lastSeqOfDevice = new Map<string, number>();
  let previous = CHAIN_GENESIS;
  entries.forEach(({ event, hash }, index) => {
    const before = entries[index - 1]?.event;
    if (before && compareChainOrder(before, event) >= 0)
      problems.push({ kind: 'outOfOrder', index, eventId: event.id });
    const lastSeq = lastSeqOfDevice.get(event.deviceId) ?? 0;
    if (event.deviceSeq > lastSeq + 1) {
      problems.push({
        kind: 'gap',
        index,
        deviceId: event.deviceId,
        missingFrom: lastSeq + 1,
        missingTo: event.deviceSeq - 1,
      });
    }
    lastSeqOfDevice.set(event.deviceId, Math.max(lastSeq, event.deviceSeq));
    const expected = chainLink(previous, event);
    if (expected !== hash) problems.push({ kind: 'linkMismatch', index, eventId: event.id });
    // Go on from the recorded link, so that one changed event is reported once, not at every later link.
    previous = hash;
  });
  const head = entries.length > 0 ? (entries[entries.length - 1] as ChainedEvent).hash : CHAIN_GENESIS;
  if (head !== recordedHead) problems.push({ kind: 'headMismatch', expected: recordedHead, actual: head });
  return problems;
}
