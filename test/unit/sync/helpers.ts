/** Devices for the sync tests: real LeitaiDBs, each on its own fake IndexedDB, joined to a core. */

import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { addAdjustment } from '../../../src/db/adjustments';
import type { LeitaiDB } from '../../../src/db/database';
import { RepositoryError } from '../../../src/db/errors';
import { enterMark, submitSheet } from '../../../src/db/marks';
import { readProjection } from '../../../src/db/read';
import { foldEvents, type LeitaiEvent, type Projection } from '../../../src/domain/events';
import type { VenueCore } from '../../../src/server/core';
import type { PullAudience } from '../../../src/server/store';
import { pullEvents, pushOutbox } from '../../../src/sync/client';
import { redactedEventText, type SessionInfo } from '../../../src/sync/protocol';
import { claimServer, joinWithJudgeCode, joinWithProjectorCode } from '../../../src/sync/session';
import { readSession } from '../../../src/sync/sync-state';
import type { SyncTransport } from '../../../src/sync/transport';
import { fromWire } from '../../../src/sync/wire';
import { freshDb, type SeededRound, seedRound } from '../db/helpers';
import { CLAIM_CODE, PASSWORD } from '../server/helpers';
import type { MemoryNetwork } from './memory-network';

// Dexie's liveQuery (the client's outbox watch) runs only where a global IndexedDB exists.
Dexie.dependencies.indexedDB ??= new IDBFactory();
Dexie.dependencies.IDBKeyRange ??= IDBKeyRange;

/** A device's database. */
export function deviceDb(): LeitaiDB {
  return freshDb(new IDBFactory());
}

export interface Device {
  name: string;
  db: LeitaiDB;
  transport: SyncTransport;
  session: SessionInfo;
}

export async function pushAndPull(device: Device): Promise<void> {
  await pushOutbox(device.db, device.transport, device.session.token);
  await pullEvents(device.db, device.transport, device.session);
}

export interface Venue {
  organizer: Device;
  judges: Device[];
  projector: Device;
  seeded: SeededRound;
  all: Device[];
}

/** The organizer claims the server and sets up a round; a tablet per judge and a projector join. */
export async function setUpVenue(
  network: MemoryNetwork,
  transportOf = (name: string) => network.transport(name),
) {
  const organizerDb = deviceDb();
  const organizerTransport = transportOf('organizer');
  const organizerSession = await claimServer(organizerDb, organizerTransport, CLAIM_CODE, PASSWORD);
  const seeded = await seedRound(organizerDb);
  const organizer: Device = {
    name: 'organizer',
    db: organizerDb,
    transport: organizerTransport,
    session: organizerSession,
  };
  await pushAndPull(organizer);
  const judges: Device[] = [];
  for (const [index, judge] of seeded.judges.entries()) {
    const db = deviceDb();
    const transport = transportOf(`judge-${index + 1}`);
    const session = await joinWithJudgeCode(db, transport, judge.joinCode);
    const device = { name: `judge-${index + 1}`, db, transport, session };
    await pullEvents(db, transport, session);
    judges.push(device);
  }
  const projectorDb = deviceDb();
  const projectorTransport = transportOf('projector');
  const projectorSession = await joinWithProjectorCode(
    projectorDb,
    projectorTransport,
    network.core.projectorCode(),
  );
  const projector: Device = {
    name: 'projector',
    db: projectorDb,
    transport: projectorTransport,
    session: projectorSession,
  };
  await pullEvents(projectorDb, projectorTransport, projectorSession);
  return { organizer, judges, projector, seeded, all: [organizer, ...judges, projector] } satisfies Venue;
}

/** Every event the server stores, in server order. */
export function serverEvents(core: VenueCore): LeitaiEvent[] {
  return serverEventsFor(core, { role: 'organizer', judgeId: null });
}

/** The stored events that a device of this session may read, as the server sends them. */
export function serverEventsFor(
  core: VenueCore,
  session: Pick<SessionInfo, 'role' | 'judgeId'>,
): LeitaiEvent[] {
  const audience: PullAudience =
    session.role === 'judge' ? { role: 'judge', judgeId: session.judgeId as string } : { role: session.role };
  return core.store
    .readFor(audience, 0, Number.MAX_SAFE_INTEGER)
    .events.map((row) =>
      fromWire(
        JSON.parse(
          row.redact && session.role !== 'organizer' ? redactedEventText(row.body, session.role) : row.body,
        ),
      ),
    );
}

export function serverProjection(core: VenueCore): Projection {
  return foldEvents(serverEvents(core));
}

/** What a device of this session converges to: the fold of what it may read. */
export function serverProjectionFor(
  core: VenueCore,
  session: Pick<SessionInfo, 'role' | 'judgeId'>,
): Projection {
  return foldEvents(serverEventsFor(core, session));
}

export async function projectionOf(device: Device): Promise<Projection> {
  return readProjection(device.db);
}

/** Ignores a write the repository refuses (a submitted sheet, an incomplete one): the user would see it. */
export async function attempt(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof RepositoryError) return false;
    throw error;
  }
}

/** A random legal action of a judge (or the organizer writing for a judge). */
export async function randomScoring(
  db: LeitaiDB,
  seeded: SeededRound,
  judgeIndex: number,
  random: () => number,
): Promise<boolean> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const judge = seeded.judges[judgeIndex] as SeededRound['judges'][number];
  const contestant = pick(seeded.contestants);
  const ref = { roundId: seeded.round.id, judgeId: judge.id, contestantId: contestant.id };
  const roll = random();
  if (roll < 0.15) return attempt(submitSheet(db, ref));
  const criterion = pick(seeded.round.criteria);
  const value = roll < 0.2 ? null : Math.floor(random() * (criterion.max / 10 + 1)) * 10;
  return attempt(enterMark(db, { ...ref, criterionId: criterion.id, value }));
}

export async function randomHostAction(
  db: LeitaiDB,
  seeded: SeededRound,
  random: () => number,
): Promise<boolean> {
  const contestant = seeded.contestants[Math.floor(random() * seeded.contestants.length)];
  return attempt(
    addAdjustment(db, {
      roundId: seeded.round.id,
      contestantId: (contestant as SeededRound['contestants'][number]).id,
      label: '超时扣分',
      points: -50,
      reason: '超时30秒',
    }),
  );
}

export { readSession };
