/**
 * 回避 set up by the organizer: a judge's own 回避名单 (contestants and units) and the round's
 * rule for units. Who is recused is decided by src/domain/recusal.ts alone.
 */
import type { Id, RecusalRule, RecuseList } from '../domain/model';
import type { JudgeRecord, RoundRecord } from '../domain/records';
import { normaliseUnit } from '../domain/recusal';
import type { LeitaiDB } from './database';
import { competitionScope, getContestant, getJudge, getRound, putEntity } from './entities';
import { because, fieldOf, RepositoryError } from './errors';
import { requireText } from './guards';
import { writeTransaction } from './log';
import { updateRound } from './rounds';

const MAX_LISTED_UNITS = 50;
const MAX_UNIT_LENGTH = 100;

/**
 * Replaces the judge's 回避名单 as far as this round goes: `contestantIds` are the contestants of
 * this round the judge recuses from (those of the competition's other rounds are kept); units
 * are trimmed, each at most 100 characters, spellings of one unit kept once. An empty list
 * removes it.
 */
export function setRecuseList(
  db: LeitaiDB,
  roundId: Id,
  judgeId: Id,
  list: { contestantIds: readonly Id[]; units: readonly string[] },
): Promise<JudgeRecord> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, roundId);
    const judge = await getJudge(db, round.id, judgeId);
    const given = [...new Set(list.contestantIds)];
    for (const contestantId of given) await getContestant(db, round.id, contestantId);
    const ofThisRound = new Set(
      (await db.contestants.where('roundId').equals(round.id).primaryKeys()) as Id[],
    );
    const otherRounds = (judge.recuse?.contestantIds ?? []).filter((id) => !ofThisRound.has(id));
    const contestantIds = [...otherRounds, ...given];
    if (list.units.length > MAX_LISTED_UNITS) {
      throw new RepositoryError(
        'invalid-field',
        because('tooManyRecusalUnits', { judge: judge.name, max: MAX_LISTED_UNITS }),
      );
    }
    const seen = new Set<string>();
    const units: string[] = [];
    for (const unit of list.units) {
      const text = requireText(unit, fieldOf('recusalUnit', { judge: judge.name }), MAX_UNIT_LENGTH);
      const key = normaliseUnit(text) as string;
      if (seen.has(key)) continue;
      seen.add(key);
      units.push(text);
    }
    const { recuse: _previous, ...rest } = judge;
    const recuse: RecuseList | null =
      contestantIds.length + units.length > 0 ? { contestantIds, units } : null;
    const updated: JudgeRecord = recuse ? { ...rest, recuse } : rest;
    await putEntity(db, 'judges', updated, competitionScope(round.competitionId));
    return updated;
  });
}

/** The round's rule for units: only equal names, or names that contain one another too. */
export function setRecusalRule(db: LeitaiDB, roundId: Id, rule: RecusalRule): Promise<RoundRecord> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, roundId);
    return updateRound(db, round.id, { settings: { ...round.settings, recusal: rule } });
  });
}

/** A judge copied with its round: its 回避名单 names the copies of the contestants it named. */
export function withRecuseListCopied(judge: JudgeRecord, contestantCopies: ReadonlyMap<Id, Id>): JudgeRecord {
  if (!judge.recuse) return judge;
  const contestantIds = judge.recuse.contestantIds.flatMap((id) => {
    const copy = contestantCopies.get(id);
    return copy === undefined ? [] : [copy];
  });
  return { ...judge, recuse: { ...judge.recuse, contestantIds } };
}
