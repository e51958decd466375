// @vitest-environment node
// (jsdom's Blob does not survive fake-indexeddb: the backups here carry a photo.)
/** 备份 / 恢复: a backup restores exactly, merges idempotently, and a bad file changes nothing. */
import { describe, expect, it } from 'vitest';
import {
  backupText,
  competitionLog,
  createBackup,
  readBackupText,
} from '../../../src/app/results/backup-file';
import { restoreEvents } from '../../../src/db/backup';
import type { LeitaiDB } from '../../../src/db/database';
import {
  addAdjustment,
  createCompetition,
  putContestant,
  readProjection,
  refoldLog,
} from '../../../src/db/repository';
import { BACKUP_VERSION, type BackupFile } from '../../../src/domain/backup';
import type { LeitaiEvent, Projection } from '../../../src/domain/events';
import { freshDb } from '../db/helpers';
import { loadDemo } from './demo';

const EXPORTED_AT = '2026-06-18T20:00:00.000Z';

/** The demo, a photo, a revoked-style second adjustment: a competition with every table used. */
async function sourceDevice() {
  const db = freshDb();
  const demo = await loadDemo(db);
  const contestant = demo.contestants[0];
  if (!contestant) throw new Error('the demo has contestants');
  await putContestant(db, {
    id: contestant.id,
    roundId: demo.round.id,
    photo: new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 255])], { type: 'image/png' }),
  });
  await addAdjustment(db, {
    roundId: demo.round.id,
    contestantId: contestant.id,
    label: '加分',
    points: 100,
    reason: '现场答题加分',
  });
  return { db, demo };
}

/** The projection without the photos' Blobs (compared by their bytes apart). */
async function snapshot(db: LeitaiDB) {
  const projection = await readProjection(db);
  const photos = await Promise.all(
    Object.values(projection.entities.photos).map(async (photo) => ({
      id: photo.id,
      roundId: photo.roundId,
      type: photo.blob.type,
      bytes: [...new Uint8Array(await photo.blob.arrayBuffer())],
    })),
  );
  const withoutBlobs: Projection = { ...projection, entities: { ...projection.entities, photos: {} } };
  return { projection: withoutBlobs, photos, events: await db.events.count() };
}

describe('a backup', () => {
  it('restores onto an empty device exactly', async () => {
    const { db, demo } = await sourceDevice();
    const text = backupText(await createBackup(db, demo.competition.id, EXPORTED_AT));

    const read = readBackupText(text);
    if (!read.ok) throw new Error(`refused: ${JSON.stringify(read.refusal)}`);
    expect(read.backup.format).toBe('leitai-backup');
    expect(read.backup.version).toBe(BACKUP_VERSION);
    expect(read.backup.competition).toMatchObject({
      name: demo.competition.name,
      venue: '昌吉市委党校报告厅',
    });
    expect(read.backup.events).toHaveLength(await db.events.count());
    expect(read.backup.unlisted).toEqual([]);
    const [result] = read.backup.results;
    expect(result?.outcome).toBe('standings');
    if (result?.outcome === 'standings') expect(result.standings.standings).toHaveLength(10);

    const fresh = freshDb();
    expect(await restoreEvents(fresh, read.events)).toEqual({
      applied: read.events.length,
      ignored: 0,
      purged: 0,
      unsent: 0,
    });
    const [before, after] = [await snapshot(db), await snapshot(fresh)];
    expect(after.projection).toEqual(before.projection);
    expect(after.photos).toEqual(before.photos);
    expect(after.photos[0]?.type).toBe('image/png');
    expect(after.events).toBe(before.events);
    expect(await readProjection(fresh)).toEqual(await refoldLog(fresh));

    // The restored device makes the same backup, the same head.
    const again = await createBackup(fresh, demo.competition.id, EXPORTED_AT);
    expect(again.head).toBe(read.backup.head);
  });

  it('merges with a device that has part of it, and restoring twice changes nothing', async () => {
    const { db, demo } = await sourceDevice();
    const read = readBackupText(backupText(await createBackup(db, demo.competition.id, EXPORTED_AT)));
    if (!read.ok) throw new Error('refused');
    const partial = freshDb();
    await restoreEvents(partial, read.events.slice(0, 150));
    expect(await restoreEvents(partial, read.events)).toEqual({
      applied: read.events.length - 150,
      ignored: 150,
      purged: 0,
      unsent: 0,
    });
    expect((await snapshot(partial)).projection).toEqual((await snapshot(db)).projection);
    expect(await restoreEvents(partial, read.events)).toEqual({
      applied: 0,
      ignored: read.events.length,
      purged: 0,
      unsent: 0,
    });
  });

  it('holds one competition, and lists the sequence numbers the device used elsewhere', async () => {
    const db = freshDb();
    const demo = await loadDemo(db);
    const other = await createCompetition(db, { name: '另一场比赛' });
    // Back to the demo after the other competition: the device's numbers interleave.
    await addAdjustment(db, {
      roundId: demo.round.id,
      contestantId: demo.contestants[1]?.id ?? '',
      label: '超时扣分',
      points: -50,
      reason: '超时 20 秒',
    });
    const backup = await createBackup(db, demo.competition.id, EXPORTED_AT);
    const otherEvents = await db.events.where('competitionId').equals(other.id).toArray();
    expect(backup.events.every(({ event }) => event.competitionId === demo.competition.id)).toBe(true);
    expect(backup.unlisted).toEqual([
      {
        deviceId: otherEvents[0]?.deviceId,
        from: Math.min(...otherEvents.map((event) => event.deviceSeq)),
        to: Math.max(...otherEvents.map((event) => event.deviceSeq)),
        reason: 'otherCompetition',
      },
    ]);
    expect(readBackupText(backupText(backup)).ok).toBe(true);
  });
});

describe('the head every export carries', () => {
  it('is the head of a backup made now, as events are added anywhere in the chain', async () => {
    const { db, demo } = await sourceDevice();
    const headNow = async () => (await createBackup(db, demo.competition.id, EXPORTED_AT)).head;
    expect((await competitionLog(db, demo.competition.id)).head).toBe(await headNow());

    // Another device's event: it sorts before this device's, so most links change.
    const [judge] = demo.judges;
    const early: LeitaiEvent = {
      id: 'f'.repeat(32),
      deviceId: '0'.repeat(32),
      deviceSeq: 1,
      author: { role: 'judge', judgeId: judge?.id ?? '' },
      competitionId: demo.competition.id,
      roundId: demo.round.id,
      recordedAt: '2026-06-18T11:00:00.000Z',
      type: 'correction.request',
      payload: {
        requestId: 'r1',
        judgeId: judge?.id ?? '',
        contestantId: demo.contestants[0]?.id ?? '',
        reason: '输错了',
      },
    };
    await restoreEvents(db, [early]);
    const afterEarly = await competitionLog(db, demo.competition.id);
    expect(afterEarly.events).toHaveLength(await db.events.count());
    expect(afterEarly.head).toBe(await headNow());

    // One of this device's own, at the end of its sequence.
    await addAdjustment(db, {
      roundId: demo.round.id,
      contestantId: demo.contestants[2]?.id ?? '',
      label: '扣分',
      points: -100,
      reason: '违规',
    });
    const [first, second] = await Promise.all([
      competitionLog(db, demo.competition.id),
      competitionLog(db, demo.competition.id),
    ]);
    expect(second).toBe(first);
    expect(first.head).toBe(await headNow());
    expect(first.head).not.toBe(afterEarly.head);
  });
});

describe('a file that is refused', () => {
  async function attempt(text: string) {
    const { db, demo } = await sourceDevice();
    const target = freshDb();
    // The target already holds part of the competition: a refusal must leave it as it was.
    const good = readBackupText(backupText(await createBackup(db, demo.competition.id, EXPORTED_AT)));
    if (!good.ok) throw new Error('refused');
    await restoreEvents(target, good.events.slice(0, 40));
    const before = await snapshot(target);
    const read = readBackupText(text);
    expect(await snapshot(target)).toEqual(before);
    return read.ok ? null : read.refusal;
  }

  async function validBackup(): Promise<BackupFile> {
    const { db, demo } = await sourceDevice();
    return createBackup(db, demo.competition.id, EXPORTED_AT);
  }

  const edit = (backup: BackupFile, change: (copy: BackupFile) => void) => {
    const copy = structuredClone(backup);
    change(copy);
    return backupText(copy);
  };

  it('is not JSON (damaged)', async () => {
    const text = backupText(await validBackup());
    expect(await attempt(text.slice(0, text.length / 2))).toEqual({ kind: 'notJson' });
  });

  it('is not a backup (foreign)', async () => {
    expect(await attempt('{"criteria": [], "judges": [], "contestants": []}')).toEqual({ kind: 'foreign' });
    expect(await attempt('{"format": "leitai-device-log", "version": 1, "events": []}')).toEqual({
      kind: 'foreign',
    });
    expect(await attempt('[1, 2, 3]')).toEqual({ kind: 'foreign' });
  });

  it('is of a newer version', async () => {
    const text = edit(await validBackup(), (copy) => {
      (copy as { version: number }).version = BACKUP_VERSION + 1;
    });
    expect(await attempt(text)).toEqual({ kind: 'newerVersion', version: BACKUP_VERSION + 1 });
  });

  it('has an event of a bad shape', async () => {
    const text = edit(await validBackup(), (copy) => {
      const entry = copy.events[5];
      if (entry) (entry.event as unknown as Record<string, unknown>).extra = 1;
    });
    expect(await attempt(text)).toEqual({
      kind: 'badShape',
      path: 'events[5].event.extra',
      problem: 'unknown field',
    });
    const missingHead = edit(await validBackup(), (copy) => {
      delete (copy as Partial<BackupFile>).head;
    });
    expect(await attempt(missingHead)).toEqual({ kind: 'badShape', path: 'head', problem: 'missing' });
  });

  it('has a broken chain: a mark changed without its link', async () => {
    const backup = await validBackup();
    const at = backup.events.findIndex(({ event }) => event.type === 'mark.set');
    const text = edit(backup, (copy) => {
      const entry = copy.events[at];
      if (entry?.event.type === 'mark.set') entry.event.payload.value = 100;
    });
    const refusal = await attempt(text);
    expect(refusal).toMatchObject({ kind: 'brokenChain' });
    expect(refusal && 'problems' in refusal ? refusal.problems : []).toEqual([
      { kind: 'linkMismatch', index: at, eventId: backup.events[at]?.event.id },
    ]);
  });

  it('has an event of another competition', async () => {
    const backup = await validBackup();
    const text = edit(backup, (copy) => {
      const entry = copy.events[3];
      if (entry) entry.event.competitionId = 'another';
    });
    expect(await attempt(text)).toEqual({ kind: 'otherCompetition', eventId: backup.events[3]?.event.id });
  });
});
