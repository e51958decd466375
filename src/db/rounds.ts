/** Rounds: the scoring sheet (criteria), the scoring settings and the time limit. */

import { formatHundredths } from '../domain/decimal';
import type { Criterion, Hundredths, Id, RoundSettings } from '../domain/model';
import { DEFAULT_SETTINGS } from '../domain/model';
import type { AudienceVoting, HandSignatureMode, OvertimeRule, RoundRecord } from '../domain/records';
import { APP_RECUSAL_RULE } from '../domain/recusal';
import type { LeitaiDB } from './database';
import {
  competitionScope,
  countRoundMarks,
  deleteEntities,
  deleteEntity,
  getCompetition,
  getRound,
  putEntities,
  putEntity,
  roundScope,
} from './entities';
import { because, fieldOf, RepositoryError } from './errors';
import {
  type CriterionDraft,
  checkMarkValue,
  checkScoringRules,
  checkTiming,
  normalizeCriteria,
  requirePositiveHundredths,
  requireText,
  requireWholeNumber,
} from './guards';
import { newId } from './ids';
import { writeTransaction } from './log';
import { realRoundsOf } from './queries/setup';

// The read lives with the other reads (./queries/setup.ts); the writers import it from here.
export { realRoundsOf };

export interface RoundDraft {
  competitionId: Id;
  name: string;
  /** 与上一轮相同: the judges of this earlier round of the competition score the new one too. */
  panelFrom?: Id;
  criteria: readonly CriterionDraft[];
  settings?: RoundSettings;
  timeLimitSeconds?: number | null;
  overtime?: OvertimeRule | null;
  /** What the points should add up to; absent means 100. */
  fullMark?: Hundredths;
  /** 大众投票: the votes' group and criterion must be the round's. */
  audience?: AudienceVoting;
}

export interface RoundPatch {
  name?: string;
  /** Keep the ids of existing criteria: marks refer to them. */
  criteria?: readonly CriterionDraft[];
  settings?: RoundSettings;
  timeLimitSeconds?: number | null;
  overtime?: OvertimeRule | null;
  order?: number;
  fullMark?: Hundredths;
  /** 大众投票; null turns it off. */
  audience?: AudienceVoting | null;
  /** 手写签名: per sheet, once per session, or none (null). */
  handSignature?: HandSignatureMode | null;
  /** 观摩评分: true marks a site-visit round, false a stage round. */
  siteVisit?: boolean;
}

/** The settings' recusal rule as a spreadable part: nothing when the round has none. */
function recusalOf(settings: RoundSettings): Pick<RoundSettings, 'recusal'> {
  return settings.recusal === undefined ? {} : { recusal: settings.recusal };
}

function checkRound(round: RoundRecord): RoundRecord {
  checkScoringRules(round.criteria, round.settings);
  checkTiming(round.timeLimitSeconds, round.overtime);
  if (round.fullMark !== undefined) requirePositiveHundredths(round.fullMark, fieldOf('fullMark'));
  if (round.audience !== undefined) checkAudience(round, round.audience);
  return round;
}

/** The votes' highest mark per mode, in hundredths: 支持 = 1, a rating up to 10; whole marks. */
const AUDIENCE_MAX = { support: 100, rating: 1000 } as const;

/**
 * 大众投票 must stand on the round's own groups: votes are marks of the audience group on its
 * criterion, so that group must mark that criterion, no other group may, and the criterion must
 * hold exactly the marks a vote can be.
 */
function checkAudience(round: RoundRecord, audience: AudienceVoting): void {
  requireWholeNumber(audience.windowSeconds, fieldOf('audienceWindow'), 1);
  const groups = round.settings.groups ?? [];
  const group = groups.find((candidate) => candidate.id === audience.groupId);
  if (!group)
    throw new RepositoryError('invalid-field', because('audienceGroupUnknown', { group: audience.groupId }));
  const max = AUDIENCE_MAX[audience.mode];
  const criterion = round.criteria.find((candidate) => candidate.id === audience.criterionId);
  const marks = (candidate: (typeof groups)[number]) =>
    candidate.criteria === null || candidate.criteria.includes(audience.criterionId);
  if (
    max === undefined ||
    !criterion ||
    criterion.max !== max ||
    criterion.step !== 100 ||
    group.criteria?.length !== 1 ||
    !marks(group) ||
    groups.some((other) => other !== group && marks(other))
  ) {
    throw new RepositoryError(
      'invalid-field',
      because('audienceCriterionInvalid', { group: group.label, max: formatHundredths(max ?? 100) }),
    );
  }
}

export function createRound(db: LeitaiDB, draft: RoundDraft): Promise<RoundRecord> {
  return writeTransaction(db, async () => {
    await getCompetition(db, draft.competitionId);
    const siblings = await realRoundsOf(db, draft.competitionId);
    const criteria = normalizeCriteria(draft.criteria);
    const round = checkRound({
      id: newId(),
      competitionId: draft.competitionId,
      name: requireText(draft.name, fieldOf('roundName'), 50),
      order: Math.max(0, ...siblings.map((sibling) => sibling.order)) + 1,
      criteria,
      // A round set up in the app recuses by nested unit names unless its settings say otherwise.
      settings: structuredClone({
        ...(draft.settings ?? DEFAULT_SETTINGS),
        recusal: draft.settings?.recusal ?? APP_RECUSAL_RULE,
      }),
      timeLimitSeconds: draft.timeLimitSeconds ?? null,
      overtime: draft.overtime ?? null,
      ...(draft.fullMark === undefined ? {} : { fullMark: draft.fullMark }),
      ...(draft.audience === undefined ? {} : { audience: structuredClone(draft.audience) }),
    });
    await putEntity(db, 'rounds', round, roundScope(round));
    if (draft.panelFrom !== undefined) await carryPanelOver(db, draft.panelFrom, round);
    return round;
  });
}

/** Assigns the judges of an earlier round of the same competition to the new round. */
async function carryPanelOver(db: LeitaiDB, sourceId: Id, round: RoundRecord): Promise<void> {
  const source = await getRound(db, sourceId);
  if (source.competitionId !== round.competitionId) {
    throw new RepositoryError('invalid-field', because('foreignRoundJudges', { round: source.name }));
  }
  const judges = (await db.judges.where('roundIds').equals(source.id).toArray()).map((judge) => ({
    ...judge,
    roundIds: [...judge.roundIds, round.id],
  }));
  await putEntities(db, 'judges', judges, competitionScope(round.competitionId));
}

/**
 * Existing marks must stay valid under a new sheet: a criterion that holds marks cannot be
 * removed, nor its max or step changed so that a given mark falls outside it. Otherwise the
 * engine would refuse the whole round on stage.
 */
async function checkMarksFitCriteria(
  db: LeitaiDB,
  roundId: Id,
  criteria: readonly Criterion[],
): Promise<void> {
  const byId = new Map(criteria.map((criterion) => [criterion.id, criterion]));
  const marks = await db.marks.where('roundId').equals(roundId).toArray();
  for (const mark of marks) {
    if (mark.value === null) continue;
    const criterion = byId.get(mark.criterionId);
    if (!criterion) {
      throw new RepositoryError('has-marks', because('criterionHasMarks'));
    }
    try {
      checkMarkValue(criterion, mark.value, { judgeName: mark.judgeId, contestantName: mark.contestantId });
    } catch {
      throw new RepositoryError(
        'has-marks',
        because('criterionMarkOutOfRange', {
          criterion: criterion.label,
          value: formatHundredths(mark.value),
          max: formatHundredths(criterion.max),
          step: formatHundredths(criterion.step),
        }),
      );
    }
  }
}

export function updateRound(db: LeitaiDB, roundId: Id, patch: RoundPatch): Promise<RoundRecord> {
  return writeTransaction(db, async () => {
    const { audience: currentAudience, ...current } = await getRound(db, roundId);
    const criteria = patch.criteria ? normalizeCriteria(patch.criteria) : current.criteria;
    if (patch.criteria) await checkMarksFitCriteria(db, roundId, criteria);
    const audience = patch.audience === undefined ? currentAudience : (patch.audience ?? undefined);
    const round = checkRound({
      ...current,
      ...(audience === undefined ? {} : { audience: structuredClone(audience) }),
      name: patch.name === undefined ? current.name : requireText(patch.name, fieldOf('roundName'), 50),
      order: patch.order ?? current.order,
      criteria,
      // A settings form that does not show the recusal rule keeps the round's.
      settings: patch.settings
        ? structuredClone({
            ...patch.settings,
            ...recusalOf(patch.settings.recusal ? patch.settings : current.settings),
          })
        : current.settings,
      timeLimitSeconds:
        patch.timeLimitSeconds === undefined ? current.timeLimitSeconds : patch.timeLimitSeconds,
      overtime: patch.overtime === undefined ? current.overtime : patch.overtime,
      ...(patch.fullMark === undefined ? {} : { fullMark: patch.fullMark }),
      ...(patch.handSignature ? { handSignature: patch.handSignature } : {}),
    });
    if (patch.handSignature === null) delete round.handSignature;
    if (patch.siteVisit === true) round.siteVisit = true;
    if (patch.siteVisit === false) delete round.siteVisit;
    await putEntity(db, 'rounds', round, roundScope(round));
    return round;
  });
}

/**
 * Puts the competition's rounds in the given order (初赛 before 决赛) in one transaction: the
 * list must name every round of the competition once.
 */
export function reorderRounds(
  db: LeitaiDB,
  competitionId: Id,
  roundIds: readonly Id[],
): Promise<RoundRecord[]> {
  return writeTransaction(db, async () => {
    await getCompetition(db, competitionId);
    const rounds = await realRoundsOf(db, competitionId);
    const byId = new Map(rounds.map((round) => [round.id, round]));
    if (
      roundIds.length !== rounds.length ||
      new Set(roundIds).size !== rounds.length ||
      roundIds.some((id) => !byId.has(id))
    ) {
      throw new RepositoryError('invalid-field', because('roundOrderIncomplete'));
    }
    const reordered = roundIds.map((id, index) => ({ ...(byId.get(id) as RoundRecord), order: index + 1 }));
    for (const round of reordered) {
      if (round.order !== byId.get(round.id)?.order) await putEntity(db, 'rounds', round, roundScope(round));
    }
    return reordered;
  });
}

/**
 * Deletes the round's contestants and photos, takes its judges off it (they stay judges of the
 * competition), then deletes the round (inside a transaction).
 */
export async function deleteRoundRecords(db: LeitaiDB, round: RoundRecord): Promise<void> {
  const scope = roundScope(round);
  for (const table of ['photos', 'contestants'] as const) {
    const ids = (await db.table(table).where('roundId').equals(round.id).primaryKeys()) as Id[];
    await deleteEntities(db, table, ids, scope);
  }
  const judges = (await db.judges.where('roundIds').equals(round.id).toArray()).map((judge) => ({
    ...judge,
    roundIds: judge.roundIds.filter((id) => id !== round.id),
  }));
  await putEntities(db, 'judges', judges, competitionScope(round.competitionId));
  await deleteEntity(db, 'rounds', round.id, scope);
}

/** Refused once the round has marks; otherwise the screen asks for confirmation first. */
export function deleteRound(db: LeitaiDB, roundId: Id): Promise<void> {
  return writeTransaction(db, async () => {
    const round = await getRound(db, roundId);
    if ((await countRoundMarks(db, roundId)) > 0) {
      throw new RepositoryError('has-marks', because('roundHasMarks', { round: round.name }));
    }
    await deleteRoundRecords(db, round);
  });
}
