// @vitest-environment node
/**
 * Signing on the tablet: the key made at join is non-extractable and registered in the log; a
 * submission is signed in the write path and verifies by the domain's rule; a correction is
 * signed again with every version kept; a new key retires the old one.
 */
import { describe, expect, it } from 'vitest';
import { decideCorrection, requestCorrection } from '../../../src/db/corrections';
import type { LeitaiDB } from '../../../src/db/database';
import { enterMark } from '../../../src/db/marks';
import { judgeKeyFingerprints } from '../../../src/db/queries/signing';
import { readProjection } from '../../../src/db/read';
import { submitSignedSheet } from '../../../src/db/signed-submit';
import { renewSigningKey, signingKeyFor } from '../../../src/db/signing-keys';
import type { LeitaiEvent } from '../../../src/domain/events';
import { keyFingerprint } from '../../../src/domain/signing';
import { checkSubmissions, registeredKeysOf, roundSigningOf } from '../../../src/domain/signing-checks';
import { freshDb, SECRETARY_SHEET, seedRound } from './helpers';

const { subtle } = globalThis.crypto;

async function markedSheet(db: LeitaiDB) {
  const seeded = await seedRound(db);
  const sheet = {
    roundId: seeded.round.id,
    judgeId: seeded.judges[0].id,
    contestantId: seeded.contestants[1].id,
  };
  for (const [index, criterion] of SECRETARY_SHEET.entries()) {
    await enterMark(db, { ...sheet, criterionId: criterion.id, value: 900 + index * 10 });
  }
  return { seeded, sheet };
}

async function log(db: LeitaiDB): Promise<LeitaiEvent[]> {
  return db.events.orderBy('[deviceId+deviceSeq]').toArray();
}

describe('a judge’s signing key on the tablet', () => {
  it('is made non-extractable, kept in IndexedDB and registered in the log with its fingerprint', async () => {
    const db = freshDb();
    const { seeded } = await markedSheet(db);
    const judge = seeded.judges[0];
    const row = await renewSigningKey(db, judge.id, subtle);
    expect(row.keyPair.privateKey.extractable).toBe(false);
    expect((await db.signingKeys.get(judge.id))?.fingerprint).toBe(row.fingerprint);
    expect(keyFingerprint(row.publicKey)).toBe(row.fingerprint);
    const registrations = (await log(db)).filter((event) => event.type === 'judge.key.register');
    expect(registrations).toHaveLength(1);
    expect(registrations[0]).toMatchObject({
      author: { role: 'judge', judgeId: judge.id },
      roundId: null,
      competitionId: seeded.competition.id,
      payload: { judgeId: judge.id, publicKey: row.publicKey, fingerprint: row.fingerprint },
    });
    expect(registrations[0]?.payload).toMatchObject({ deviceId: registrations[0]?.deviceId });
    expect(await signingKeyFor(db, judge.id, subtle)).toMatchObject({ fingerprint: row.fingerprint });
  });

  it('retires the judge’s earlier key when the tablet joins again; the log keeps both', async () => {
    const db = freshDb();
    const { seeded } = await markedSheet(db);
    const judgeId = seeded.judges[0].id;
    const first = await renewSigningKey(db, judgeId, subtle);
    const second = await renewSigningKey(db, judgeId, subtle);
    expect(second.fingerprint).not.toBe(first.fingerprint);
    const keys = registeredKeysOf(await log(db));
    expect(keys.map((key) => [key.fingerprint, key.retired, key.irregular])).toEqual(
      expect.arrayContaining([
        [first.fingerprint, true, null],
        [second.fingerprint, false, null],
      ]),
    );
    const retire = (await log(db)).find((event) => event.type === 'judge.key.retire');
    expect(retire?.payload).toMatchObject({ fingerprint: first.fingerprint, reason: 'rejoined' });
    // The organizer's judges list and code sheet show the key in use only.
    const shown = await judgeKeyFingerprints(db, seeded.competition.id);
    expect(shown.get(judgeId)).toEqual([second.fingerprint]);
    expect(shown.get(seeded.judges[1].id)).toBeUndefined();
  });
});

describe('a signed submission', () => {
  it('carries a signature of the stored marks that verifies against the registered key', async () => {
    const db = freshDb();
    const { sheet } = await markedSheet(db);
    const row = await submitSignedSheet(db, sheet, subtle);
    expect(row.status).toBe('submitted');
    const events = await log(db);
    const submit = events.find((event) => event.type === 'sheet.submit') as LeitaiEvent<'sheet.submit'>;
    expect(submit.payload.signature?.marks).toHaveLength(SECRETARY_SHEET.length);
    const checks = await checkSubmissions(subtle, events);
    expect(checks.get(submit.id)?.state).toBe('valid');
    const signing = roundSigningOf(events, await readProjection(db), sheet.roundId, checks);
    expect([...signing.sheets.values()].map((each) => each?.state)).toEqual(['signed']);
    expect(signing.uncovered).toEqual([]);
  });

  it('is signed again after a correction, every version in the log, the newest covering the marks', async () => {
    const db = freshDb();
    const { sheet } = await markedSheet(db);
    await submitSignedSheet(db, sheet, subtle);
    const request = await requestCorrection(db, { ...sheet, reason: '内容分输错了' });
    await decideCorrection(db, { requestId: request.requestId, approved: true });
    await enterMark(db, { ...sheet, criterionId: 'content', value: 3600 });
    await submitSignedSheet(db, sheet, subtle);

    const events = await log(db);
    const submits = events.filter(
      (event): event is LeitaiEvent<'sheet.submit'> => event.type === 'sheet.submit',
    );
    expect(submits.map((event) => event.payload.revision)).toEqual([1, 3]);
    const checks = await checkSubmissions(subtle, events);
    expect(submits.map((event) => checks.get(event.id)?.state)).toEqual(['valid', 'valid']);
    expect(submits[1]?.payload.signature?.marks).toContainEqual({ criterionId: 'content', value: 3600 });
    const signing = roundSigningOf(events, await readProjection(db), sheet.roundId, checks);
    expect([...signing.sheets.values()].map((each) => each?.state)).toEqual(['signed']);
    expect(signing.uncovered).toEqual([]);
  });
});
