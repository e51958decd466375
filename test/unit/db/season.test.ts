/**
 * The season's storage on the organizer's device (src/db/season.ts): the ledger is append-only
 * (a correction is a new row citing the one it corrects, which stays as it was), bad input is
 * refused with its reason and changes nothing, and posting or importing twice adds nothing: the
 * ledger's serialization stays byte-identical.
 */
import { describe, expect, it } from 'vitest';
import { restoreEvents } from '../../../src/db/backup';
import type { LeitaiDB } from '../../../src/db/database';
import { memberFileOf, seasonById, seasonEvidence, seasonLedgerText } from '../../../src/db/queries/season';
import { memberCandidates, postableRounds } from '../../../src/db/queries/season-sources';
import { RepositoryError } from '../../../src/db/repository';
import { addManualEntry, addSeasonMembers, correctSeasonEntry, createSeason } from '../../../src/db/season';
import { importBackupsIntoSeason } from '../../../src/db/season-import';
import { postRoundToSeason } from '../../../src/db/season-post';
import { memberIdOf, parsePeriod, seasonStandings } from '../../../src/domain/season';
import { DEFAULT_POINTS_TABLE } from '../../../src/domain/season-import';
import { competitionBackup, NOVEMBER_CONTEST, NOVEMBER_SPEECH } from '../domain/season-backups';
import { freshDb } from './helpers';

const ZHANG = memberIdOf({ name: '张三', unit: '三工镇' });

async function seasonWithZhang(db: LeitaiDB): Promise<string> {
  const seasonId = await createSeason(db, { name: '2026年度积分', table: DEFAULT_POINTS_TABLE });
  await addSeasonMembers(db, seasonId, [{ name: '张三', unit: '三工镇' }]);
  return seasonId;
}

async function ledgerOf(db: LeitaiDB, seasonId: string): Promise<string> {
  const season = await seasonById(db, seasonId);
  if (!season) throw new Error('the season is there');
  return seasonLedgerText(season);
}

async function refusalOf(write: Promise<unknown>): Promise<RepositoryError> {
  const error = await write.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof RepositoryError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

const backups = () => [
  { name: 'contest.json', value: JSON.parse(JSON.stringify(competitionBackup(NOVEMBER_CONTEST))) },
  { name: 'speech.json', value: JSON.parse(JSON.stringify(competitionBackup(NOVEMBER_SPEECH))) },
];

describe('a season on the organizer’s device', () => {
  it('keeps a hand entry with its reason and photo, and a correction beside the entry it corrects', async () => {
    const db = freshDb();
    const seasonId = await seasonWithZhang(db);
    const photo = new Blob(['jpeg bytes'], { type: 'image/jpeg' });
    const entryId = await addManualEntry(db, seasonId, {
      memberId: ZHANG,
      date: '2026-11-10',
      item: '学习教育',
      points: 300,
      reason: '参加全市书记培训班',
      photo: { blob: photo, fileName: '结业证书.jpg' },
    });
    const before = await db.seasonEntries.get([seasonId, entryId]);
    const correctionId = await correctSeasonEntry(db, seasonId, entryId, {
      date: '2026-12-01',
      points: 200,
      reason: '培训只参加了两天',
    });

    expect(await db.seasonEntries.get([seasonId, entryId])).toEqual(before);
    const file = await memberFileOf(db, seasonId, ZHANG);
    expect(file?.lines.map((line) => [line.entry.id, line.counts, line.correctedBy])).toEqual([
      [entryId, false, correctionId],
      [correctionId, true, null],
    ]);
    expect(file?.total).toBe('2.00');
    const evidenceId = before?.source.kind === 'manual' ? before.source.evidence : undefined;
    expect(await db.seasonEvidence.get(evidenceId ?? '')).toMatchObject({
      seasonId,
      fileName: '结业证书.jpg',
    });
    expect(await seasonEvidence(db, evidenceId ?? '')).not.toBeNull();
    // The correction counts in the period of the entry it corrects.
    const season = await seasonById(db, seasonId);
    const november = seasonStandings(season as NonNullable<typeof season>, parsePeriod('2026-11') as never);
    expect(november.ranked.map((row) => row.points)).toEqual(['2.00']);
  });

  it('refuses a second correction of the same entry, naming the one that corrected it, and changes nothing', async () => {
    const db = freshDb();
    const seasonId = await seasonWithZhang(db);
    const entryId = await addManualEntry(db, seasonId, {
      memberId: ZHANG,
      date: '2026-11-10',
      item: '扣分项',
      points: -100,
      reason: '例会缺席',
    });
    const firstId = await correctSeasonEntry(db, seasonId, entryId, {
      date: '2026-11-11',
      points: 0,
      reason: '已请假',
    });
    const ledger = await ledgerOf(db, seasonId);
    const refusal = await refusalOf(
      correctSeasonEntry(db, seasonId, entryId, { date: '2026-11-12', points: -50, reason: '再次核实' }),
    );
    expect(refusal.reason).toMatchObject({
      name: 'seasonRules',
      params: { issues: [{ code: 'correctionTargetCorrected', params: { by: firstId, target: entryId } }] },
    });
    expect(await ledgerOf(db, seasonId)).toBe(ledger);
  });

  it('refuses bad hand entries with the field or rule named, writing nothing', async () => {
    const db = freshDb();
    const seasonId = await seasonWithZhang(db);
    const ledger = await ledgerOf(db, seasonId);
    const good = { memberId: ZHANG, date: '2026-11-10', item: '学习教育', points: 100, reason: '培训' };
    expect((await refusalOf(addManualEntry(db, seasonId, { ...good, reason: '  ' }))).reason).toEqual({
      name: 'textRequired',
      params: { field: { field: 'seasonReason', params: {} } },
    });
    expect(
      (await refusalOf(addManualEntry(db, seasonId, { ...good, date: '2026-02-30' }))).reason,
    ).toMatchObject({ name: 'seasonRules', params: { issues: [{ code: 'entryDateInvalid' }] } });
    expect(
      (await refusalOf(addManualEntry(db, seasonId, { ...good, memberId: 'nobody' }))).reason,
    ).toMatchObject({ name: 'seasonRules', params: { issues: [{ code: 'entryMemberUnknown' }] } });
    const large = { blob: new Blob([new Uint8Array(6 * 1024 * 1024)]), fileName: 'big.jpg' };
    expect((await refusalOf(addManualEntry(db, seasonId, { ...good, photo: large }))).reason.name).toBe(
      'photoTooLarge',
    );
    expect(await ledgerOf(db, seasonId)).toBe(ledger);
    expect(await db.seasonEvidence.count()).toBe(0);
  });

  it('imports two competitions’ backups, and importing them again changes nothing', async () => {
    const db = freshDb();
    const seasonId = await createSeason(db, { name: '2026年度积分', table: DEFAULT_POINTS_TABLE });
    const first = await importBackupsIntoSeason(db, seasonId, backups());
    expect(first.members).toBe(4);
    expect(first.entries).toBe(6);
    expect(first.rounds.map((round) => `${round.roundName} ${round.outcome}`)).toEqual([
      '决赛 posted',
      '加赛 provisional',
      '演讲 posted',
    ]);
    const ledger = await ledgerOf(db, seasonId);
    const rowsBefore = await db.seasonEntries.toArray();

    const again = await importBackupsIntoSeason(db, seasonId, backups().reverse());
    expect([again.members, again.entries]).toEqual([0, 0]);
    expect(await ledgerOf(db, seasonId)).toBe(ledger);
    expect(await db.seasonEntries.toArray()).toEqual(rowsBefore);
  });

  it('refuses a backup that does not verify, naming the file, and imports nothing', async () => {
    const db = freshDb();
    const seasonId = await createSeason(db, { name: '2026年度积分', table: DEFAULT_POINTS_TABLE });
    const [contest, speech] = backups();
    const tampered = speech as {
      name: string;
      value: { events: { event: { payload: { value?: number } } }[] };
    };
    const mark = tampered.value.events.find((entry) => entry.event.payload.value !== undefined);
    if (!mark) throw new Error('the backup has a mark');
    mark.event.payload.value = 10000;
    const refusal = await refusalOf(importBackupsIntoSeason(db, seasonId, [contest, tampered] as never));
    expect(refusal.reason).toMatchObject({
      name: 'seasonRules',
      params: { issues: [{ params: { file: 'speech.json' } }] },
    });
    expect(await db.seasonEntries.count()).toBe(0);
    expect(await db.seasonMembers.count()).toBe(0);
  });

  it('posts a closed round of this device as the same entries an import of its backup gives, once', async () => {
    const db = freshDb();
    const backup = competitionBackup(NOVEMBER_CONTEST);
    await restoreEvents(
      db,
      backup.events.map((entry) => entry.event),
    );
    const seasonId = await createSeason(db, { name: '2026年度积分', table: DEFAULT_POINTS_TABLE });
    expect(
      (await postableRounds(db, seasonId)).map((round) => [round.roundName, round.final, round.posted]),
    ).toEqual([
      ['决赛', true, false],
      ['加赛', false, false],
    ]);
    expect(await postRoundToSeason(db, seasonId, 'r-final')).toEqual({ members: 3, entries: 3 });
    const ledger = await ledgerOf(db, seasonId);
    expect(await postRoundToSeason(db, seasonId, 'r-final')).toEqual({ members: 0, entries: 0 });
    expect(await ledgerOf(db, seasonId)).toBe(ledger);
    expect((await refusalOf(postRoundToSeason(db, seasonId, 'r-extra'))).reason).toEqual({
      name: 'roundNotClosed',
      params: { round: '加赛' },
    });

    const imported = freshDb();
    const importedId = await createSeason(imported, { name: '2026年度积分', table: DEFAULT_POINTS_TABLE });
    await importBackupsIntoSeason(imported, importedId, [
      { name: 'contest.json', value: JSON.parse(JSON.stringify(backup)) },
    ]);
    // Entry ids derive from the season's id; all else is the same entry for entry.
    const withoutIds = async (on: LeitaiDB, id: string) =>
      (await seasonById(on, id))?.entries
        .map(({ id: _, ...entry }) => entry)
        .sort((a, b) => a.memberId.localeCompare(b.memberId));
    expect(await withoutIds(db, seasonId)).toEqual(await withoutIds(imported, importedId));
    expect((await withoutIds(db, seasonId))?.length).toBe(3);
    expect((await postableRounds(db, seasonId)).find((round) => round.roundId === 'r-final')?.posted).toBe(
      true,
    );
  });

  it('offers this device’s contestants as members once per person, and adds each once', async () => {
    const db = freshDb();
    await restoreEvents(
      db,
      competitionBackup(NOVEMBER_CONTEST).events.map((entry) => entry.event),
    );
    const seasonId = await createSeason(db, { name: '2026年度积分', table: DEFAULT_POINTS_TABLE });
    const candidates = await memberCandidates(db, seasonId);
    expect(candidates.map((candidate) => candidate.name).sort()).toEqual(
      ['张三', '李四', '王五', '赵六'].sort(),
    );
    expect(await addSeasonMembers(db, seasonId, candidates)).toEqual({ members: 4, entries: 0 });
    expect(await addSeasonMembers(db, seasonId, [{ name: ' 张三 ', unit: '三工镇' }])).toEqual({
      members: 0,
      entries: 0,
    });
    expect(await memberCandidates(db, seasonId)).toEqual([]);
  });

  it('refuses a season without a name and a bad points table', async () => {
    const db = freshDb();
    expect((await refusalOf(createSeason(db, { name: ' ', table: DEFAULT_POINTS_TABLE }))).reason.name).toBe(
      'textRequired',
    );
    const refusal = await refusalOf(createSeason(db, { name: '年度', table: { by: 'placing', rows: [] } }));
    expect(refusal.reason).toMatchObject({
      name: 'seasonRules',
      params: { issues: [{ code: 'tableEmpty' }] },
    });
    expect(await db.seasons.count()).toBe(0);
  });
});
