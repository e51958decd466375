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
import { applyEvents, emptyProjectionState, type LeitaiEvent } from '../domain/events';

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
  {
    // The judge screen's device-local state; no upgrade: both tables start empty.
    version: 2,
    stores: {
      device: 'key',
      competitions: 'id',
      rounds: 'id, competitionId',
      judges: 'id, roundId, joinCode',
      contestants: 'id, roundId',
      photos: 'id, roundId',
      entityHeads: '[table+entityId]',
      events: 'id, &[deviceId+deviceSeq], competitionId, roundId, type, [roundId+type]',
      outbox: 'eventId, deviceSeq',
      marks:
        '[roundId+judgeId+contestantId+criterionId], roundId, [roundId+judgeId+contestantId], [roundId+contestantId]',
      sheets: '[roundId+judgeId+contestantId], roundId',
      adjustments: 'adjustmentId, roundId',
      corrections: 'requestId, roundId',
      /**
       * What a judge has typed into a mark and not confirmed yet, one row per cell: saved at
       * every keystroke, never an event, never synced (src/db/drafts.ts).
       */
      drafts: '[roundId+judgeId+contestantId+criterionId]',
      /** One row, key 'self': the judge this tablet is bound to, and the sheet they have open. */
      judgeSession: 'key',
    },
  },
  {
    // Sync's state (src/sync/sync-state.ts); no upgrade: the table starts empty.
    version: 3,
    stores: {
      device: 'key',
      competitions: 'id',
      rounds: 'id, competitionId',
      judges: 'id, roundId, joinCode',
      contestants: 'id, roundId',
      photos: 'id, roundId',
      entityHeads: '[table+entityId]',
      events: 'id, &[deviceId+deviceSeq], competitionId, roundId, type, [roundId+type]',
      outbox: 'eventId, deviceSeq',
      marks:
        '[roundId+judgeId+contestantId+criterionId], roundId, [roundId+judgeId+contestantId], [roundId+contestantId]',
      sheets: '[roundId+judgeId+contestantId], roundId',
      adjustments: 'adjustmentId, roundId',
      corrections: 'requestId, roundId',
      drafts: '[roundId+judgeId+contestantId+criterionId]',
      judgeSession: 'key',
      /**
       * Rows 'cursor' (the server sequence number applied up to, moved in the transaction that
       * applies the events) and 'session' (this device's token at the venue server).
       */
      syncState: 'key',
    },
  },
  {
    // Events the venue server refused (src/db/remote.ts, settleOutbox); no upgrade: the table
    // starts empty.
    version: 4,
    stores: {
      device: 'key',
      competitions: 'id',
      rounds: 'id, competitionId',
      judges: 'id, roundId, joinCode',
      contestants: 'id, roundId',
      photos: 'id, roundId',
      entityHeads: '[table+entityId]',
      events: 'id, &[deviceId+deviceSeq], competitionId, roundId, type, [roundId+type]',
      outbox: 'eventId, deviceSeq',
      marks:
        '[roundId+judgeId+contestantId+criterionId], roundId, [roundId+judgeId+contestantId], [roundId+contestantId]',
      sheets: '[roundId+judgeId+contestantId], roundId',
      adjustments: 'adjustmentId, roundId',
      corrections: 'requestId, roundId',
      drafts: '[roundId+judgeId+contestantId+criterionId]',
      judgeSession: 'key',
      syncState: 'key',
      /**
       * This device's events that the venue server refused, with its reason: out of the outbox
       * (sending them again gets the same answer), shown in the sync panel until dismissed.
       * The events themselves stay in `events`.
       */
      refused: 'eventId',
    },
  },
  {
    // Judges belong to the competition (issue 12): `competitionId`, and `roundIds`, the rounds
    // they score in, multi-entry indexed. The upgrade rewrites each judge row of a round and the
    // judge screen's session row; the events stay as they were written (the fold reads both
    // shapes, src/domain/records.ts judgeOfEntity).
    version: 5,
    stores: {
      device: 'key',
      competitions: 'id',
      rounds: 'id, competitionId',
      judges: 'id, competitionId, *roundIds, joinCode',
      contestants: 'id, roundId',
      photos: 'id, roundId',
      entityHeads: '[table+entityId]',
      events: 'id, &[deviceId+deviceSeq], competitionId, roundId, type, [roundId+type]',
      outbox: 'eventId, deviceSeq',
      marks:
        '[roundId+judgeId+contestantId+criterionId], roundId, [roundId+judgeId+contestantId], [roundId+contestantId]',
      sheets: '[roundId+judgeId+contestantId], roundId',
      adjustments: 'adjustmentId, roundId',
      corrections: 'requestId, roundId',
      drafts: '[roundId+judgeId+contestantId+criterionId]',
      judgeSession: 'key',
      syncState: 'key',
      refused: 'eventId',
    },
    upgrade: upgradeJudgesToCompetition,
  },
  {
    // Setup entities merge field by field (protocol 4): each head row holds its record's fields,
    // each with the put that wrote it. The upgrade folds them from the log; the records stay as
    // they are, since every put before this version wrote its record whole.
    version: 6,
    stores: {
      device: 'key',
      competitions: 'id',
      rounds: 'id, competitionId',
      judges: 'id, competitionId, *roundIds, joinCode',
      contestants: 'id, roundId',
      photos: 'id, roundId',
      entityHeads: '[table+entityId]',
      events: 'id, &[deviceId+deviceSeq], competitionId, roundId, type, [roundId+type]',
      outbox: 'eventId, deviceSeq',
      marks:
        '[roundId+judgeId+contestantId+criterionId], roundId, [roundId+judgeId+contestantId], [roundId+contestantId]',
      sheets: '[roundId+judgeId+contestantId], roundId',
      adjustments: 'adjustmentId, roundId',
      corrections: 'requestId, roundId',
      drafts: '[roundId+judgeId+contestantId+criterionId]',
      judgeSession: 'key',
      syncState: 'key',
      refused: 'eventId',
    },
    upgrade: foldEntityFields,
  },
  {
    // 大众投票 (issue 14, protocol 5): the audience's voting windows and the votes the venue
    // server wrote, folded as src/domain/events.ts does (src/domain/audience.ts counts them).
    // The upgrade folds them from the log, where a device of protocol 4 has none.
    version: 7,
    stores: {
      device: 'key',
      competitions: 'id',
      rounds: 'id, competitionId',
      judges: 'id, competitionId, *roundIds, joinCode',
      contestants: 'id, roundId',
      photos: 'id, roundId',
      entityHeads: '[table+entityId]',
      events: 'id, &[deviceId+deviceSeq], competitionId, roundId, type, [roundId+type]',
      outbox: 'eventId, deviceSeq',
      marks:
        '[roundId+judgeId+contestantId+criterionId], roundId, [roundId+judgeId+contestantId], [roundId+contestantId]',
      sheets: '[roundId+judgeId+contestantId], roundId',
      adjustments: 'adjustmentId, roundId',
      corrections: 'requestId, roundId',
      drafts: '[roundId+judgeId+contestantId+criterionId]',
      judgeSession: 'key',
      syncState: 'key',
      refused: 'eventId',
      /** One row per voting window (the host's audience.open), with its close and seal. */
      audienceWindows: 'windowId, roundId, [roundId+contestantId]',
      /** One row per window and voter: every vote that voter cast in the window. */
      audienceVotes: '[windowId+voterId], roundId, [roundId+contestantId]',
    },
    upgrade: foldAudience,
  },
  {
    // The season 积分制 (issue 16), kept on the organizer's device only (it spans competitions
    // run on different laptops; src/db/season.ts); no upgrade: the tables start empty. Entries
    // are append-only: a correction is a new row citing the one it corrects.
    version: 8,
    stores: {
      device: 'key',
      competitions: 'id',
      rounds: 'id, competitionId',
      judges: 'id, competitionId, *roundIds, joinCode',
      contestants: 'id, roundId',
      photos: 'id, roundId',
      entityHeads: '[table+entityId]',
      events: 'id, &[deviceId+deviceSeq], competitionId, roundId, type, [roundId+type]',
      outbox: 'eventId, deviceSeq',
      marks:
        '[roundId+judgeId+contestantId+criterionId], roundId, [roundId+judgeId+contestantId], [roundId+contestantId]',
      sheets: '[roundId+judgeId+contestantId], roundId',
      adjustments: 'adjustmentId, roundId',
      corrections: 'requestId, roundId',
      drafts: '[roundId+judgeId+contestantId+criterionId]',
      judgeSession: 'key',
      syncState: 'key',
      refused: 'eventId',
      audienceWindows: 'windowId, roundId, [roundId+contestantId]',
      audienceVotes: '[windowId+voterId], roundId, [roundId+contestantId]',
      seasons: 'id',
      /** One row per season: its points table (per placing or per award tier). */
      seasonPointsTables: 'seasonId',
      seasonMembers: '[seasonId+id], seasonId',
      /** The ledger: rows are added, never changed or deleted. */
      seasonEntries: '[seasonId+id], seasonId, [seasonId+memberId]',
      /** Photos given as evidence of an entry entered by hand, as Blobs. */
      seasonEvidence: 'id, seasonId',
    },
  },
  {
    // Signed sheets (issue 15, protocol 6): this tablet's signing key pair for each judge it was
    // bound to (src/db/signing-keys.ts). Only the new table is declared, so this step stays
    // right whichever other version merges before it; Dexie keeps every table declared earlier.
    version: 9,
    stores: {
      /** One row per judge: the non-extractable key pair (CryptoKeys clone into IndexedDB). */
      signingKeys: 'judgeId',
    },
  },
];

/**
 * Schema 4 → 5: a judge of round R becomes a judge of R's competition assigned to R; the
 * session's one followed call becomes the followed call of its round.
 */
async function upgradeJudgesToCompetition(tx: Transaction): Promise<void> {
  const rounds = new Map<string, string>();
  await tx
    .table('rounds')
    .each((round: { id: string; competitionId: string }) => rounds.set(round.id, round.competitionId));
  const judges = tx.table('judges');
  const upgraded: Record<string, unknown>[] = [];
  for (const { roundId, ...judge } of (await judges.toArray()) as Record<string, unknown>[]) {
    if (typeof roundId !== 'string') continue;
    // A judge whose round is gone keeps the competition its own event was written in.
    const head = await tx.table('entityHeads').get(['judges', judge.id]);
    const event = head && (await tx.table('events').get(head.head.eventId));
    upgraded.push({
      ...judge,
      competitionId: rounds.get(roundId) ?? event?.competitionId ?? '',
      roundIds: [roundId],
    });
  }
  await judges.bulkPut(upgraded);
  await tx
    .table('judgeSession')
    .toCollection()
    .modify((session: Record<string, unknown>) => {
      const followed = session.followedCallId;
      session.followedCalls = typeof followed === 'string' ? { [session.roundId as string]: followed } : {};
      delete session.followedCallId;
    });
}

/**
 * Schema 5 → 6: the entity head rows, folded again from the log's entity events with today's
 * merge (a purge deleted its scope's events with their heads, so none comes back).
 */
async function foldEntityFields(tx: Transaction): Promise<void> {
  const events: LeitaiEvent[] = await tx
    .table('events')
    .where('type')
    .anyOf(['entity.put', 'entity.delete'])
    .toArray();
  const { rows } = applyEvents(emptyProjectionState(), events);
  await tx.table('entityHeads').bulkPut([...rows.entityHeads.values()]);
}

const AUDIENCE_EVENT_TYPES = ['audience.open', 'audience.close', 'audience.vote', 'audience.seal'];

/** Schema 6 → 7: the audience projections, folded from the log's audience events. */
async function foldAudience(tx: Transaction): Promise<void> {
  const events: LeitaiEvent[] = await tx.table('events').where('type').anyOf(AUDIENCE_EVENT_TYPES).toArray();
  const { rows } = applyEvents(emptyProjectionState(), events);
  await tx.table('audienceWindows').bulkPut([...rows.audienceWindows.values()]);
  await tx.table('audienceVotes').bulkPut([...rows.audienceVotes.values()]);
}

export const CURRENT_SCHEMA_VERSION = (SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1] as SchemaVersion).version;
