/**
 * 离线交接: a judge's unsent signed sheets as a run of QR codes that the host console scans. The
 * payload (JSON text) is cut into frames that each fit one QR code a laptop camera reads at arm's
 * length; the tablet cycles them, and the scanner collects them in any order, duplicates and all,
 * until every part is there. Each frame names its set (the CRC-32 of the whole payload), its
 * place, the count and its own CRC-32, so a frame from another set or a misread one is refused
 * and a set reassembles only to the exact payload.
 *
 *   LTH1/<set>/<index>/<count>/<frame crc>/<data>
 *
 * Pure: no DOM, no clock.
 */

import type { WireEvent } from './protocol';

const PREFIX = 'LTH1';
/** Characters of payload per frame: a QR code of version ~22 (medium error correction). */
export const FRAME_DATA_LENGTH = 700;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (IEEE) of a text's UTF-16 code units, as 8 hex digits. */
export function crc32(text: string): string {
  let crc = 0xffffffff;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    for (const byte of [unit & 0xff, unit >>> 8])
      crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  }
  return ((crc ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}

/** The frames of a payload, in order; one frame for a small one. */
export function splitIntoFrames(payload: string, dataLength = FRAME_DATA_LENGTH): string[] {
  const set = crc32(payload);
  const count = Math.max(1, Math.ceil(payload.length / dataLength));
  return Array.from({ length: count }, (_, index) => {
    const data = payload.slice(index * dataLength, (index + 1) * dataLength);
    return [PREFIX, set, index, count, crc32(data), data].join('/');
  });
}

export type FrameOutcome =
  | { kind: 'added'; received: number; count: number }
  | { kind: 'duplicate'; received: number; count: number }
  | { kind: 'complete'; payload: string }
  /** Not a hand-off frame, or one whose data does not match its checksum (misread). */
  | { kind: 'refused'; reason: 'notHandoff' | 'corrupted' | 'otherSet' };

const FRAME = /^LTH1\/([0-9a-f]{8})\/(\d{1,4})\/(\d{1,4})\/([0-9a-f]{8})\/(.*)$/s;

/**
 * Collects the frames of one set. The first valid frame fixes the set; frames of another set are
 * refused (the host scans one tablet at a time) until `reset`.
 */
export class FrameCollector {
  private set: string | null = null;
  private count = 0;
  private parts = new Map<number, string>();

  add(frame: string): FrameOutcome {
    const match = FRAME.exec(frame);
    if (!match) return { kind: 'refused', reason: 'notHandoff' };
    const [, set, indexText, countText, check, data] = match as unknown as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const index = Number(indexText);
    const count = Number(countText);
    if (count < 1 || index >= count || crc32(data) !== check) return { kind: 'refused', reason: 'corrupted' };
    if (this.set !== null && (set !== this.set || count !== this.count))
      return { kind: 'refused', reason: 'otherSet' };
    this.set = set;
    this.count = count;
    const duplicate = this.parts.has(index);
    this.parts.set(index, data);
    if (this.parts.size === count) {
      const payload = Array.from({ length: count }, (_, at) => this.parts.get(at) as string).join('');
      // Every frame checked out, yet the whole is not the set's: start the set over.
      if (crc32(payload) !== set) {
        this.reset();
        return { kind: 'refused', reason: 'corrupted' };
      }
      return { kind: 'complete', payload };
    }
    return { kind: duplicate ? 'duplicate' : 'added', received: this.parts.size, count };
  }

  reset(): void {
    this.set = null;
    this.count = 0;
    this.parts = new Map();
  }
}

const HANDOFF_FORMAT = 'leitai-handoff';

export interface HandoffPayload {
  format: typeof HANDOFF_FORMAT;
  version: 1;
  events: WireEvent[];
}

export function handoffPayloadText(events: readonly WireEvent[]): string {
  return JSON.stringify({ format: HANDOFF_FORMAT, version: 1, events: [...events] } satisfies HandoffPayload);
}

/** The events of a reassembled payload (their shapes are the server's to check), or null. */
export function eventsOfHandoffPayload(text: string): unknown[] | null {
  try {
    const value = JSON.parse(text) as Partial<HandoffPayload> | null;
    if (value?.format !== HANDOFF_FORMAT || value.version !== 1 || !Array.isArray(value.events)) return null;
    return value.events;
  } catch {
    return null;
  }
}
