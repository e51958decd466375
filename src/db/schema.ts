/**
 * The IndexedDB schema, one entry per version. A shipped version is never edited: a change is
 * a new entry with the full `stores` of that version and, when rows must be rewritten, an
 * `upgrade` function (Dexie runs every pending upgrade in order inside the version-change
 * transaction, so a device that skipped versions still arrives consistent). Add a case to
 * test/unit/db/migration.test.ts with each new version.
 *
 * Key syntax (Dexie): the first entry is the primary key; `&` unique, `[a+b]` compound.
 * Booleans and null cannot be IndexedDB keys, so nothing indexes them.
 */

import type { Transaction } from 'dexie';

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      /** One row, key 'self': this device's id and the next deviceSeq. */
      device: 'key',
      // Setup records (the live state of the setup entities; their log is in `events`).
      competitions: 'id',
      rounds: 'id, competitionId',
      judges: 'id, roundId, joinCode',
      contestants: 'id, roundId',
      photos: 'id, roundId',
      /** The winning event of each setup entity, deleted ones included (a tombstone). */
      entityHeads: '[table+entityId]',
      /** The append-only log. [deviceId+deviceSeq] is unique: a device never reuses a number. */
      events: 'id, &[deviceId+deviceSeq], competitionId, roundId, type, [roundId+type]',
      /** Local events that the venue server has not acknowledged yet, drained in deviceSeq order. */
      outbox: 'eventId, deviceSeq',
      // Projections of the scoring events.
      marks:
        '[roundId+judgeId+contestantId+criterionId], roundId, [roundId+judgeId+contestantId], [roundId+contestantId]',
      sheets: '[roundId+judgeId+contestantId], roundId',
      adjustments: 'adjustmentId, roundId',
      corrections: 'requestId, roundId',
    },
  },
];

export const CURRENT_SCHEMA_VERSION = (SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1] as SchemaVersion).version;
