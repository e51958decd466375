/**
 * What the simulated judges of a 彩排 give one contestant, and when: a plan made from a seeded
 * generator, so that a test (or a second run) gives the same marks at the same moments. Each
 * contestant has a level, each judge a habit (generous or strict) and a little noise; every
 * mark sits on its criterion's step within 0..max. Sheets arrive over tens of seconds; on the
 * first contestant called one judge is late (the host rehearses 催分), on the second one judge
 * is far below the others (the host rehearses the outlier check).
 */

import { judgeCriteria } from '../../../domain/groups';
import type { Criterion, Hundredths, Id, RecusalRule, RoundSettings } from '../../../domain/model';
import type { ContestantRecord, JudgeRecord } from '../../../domain/records';
import { isRecusedFrom } from '../../../domain/recusal';

export interface PlannedSheet {
  judgeId: Id;
  /** After the call, at speed 1. */
  delayMs: number;
  marks: { criterionId: Id; value: Hundredths }[];
  late: boolean;
  outlier: boolean;
}

/** A small seeded generator (mulberry32): the same seed, the same rehearsal. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sheets come in 15 to 45 s after the call; the late one after 90 to 120 s. */
const ON_TIME_MS = { from: 15_000, to: 45_000 };
const LATE_MS = { from: 90_000, to: 120_000 };
/** A contestant's level and a judge's habit, as fractions of the full mark. */
const LEVEL = { from: 0.78, to: 0.95 };
const HABIT = 0.04;
const NOISE = 0.03;
/** How far below the panel the outlier judge marks. */
const OUTLIER_DROP = 0.25;

const between = (random: () => number, range: { from: number; to: number }) =>
  range.from + (range.to - range.from) * random();

/** A mark on the criterion's step, within 0..max, near `fraction` of its max. */
export function markAt(criterion: Criterion, fraction: number): Hundredths {
  const steps = Math.round(criterion.max / criterion.step);
  const clamped = Math.min(1, Math.max(0, fraction));
  return Math.round(steps * clamped) * criterion.step;
}

export interface PlanInput {
  criteria: readonly Criterion[];
  /** The simulated panel, in panel order. */
  judges: readonly JudgeRecord[];
  contestant: ContestantRecord;
  /** The round's recusal rule (round.settings.recusal). */
  recusal: RecusalRule | undefined;
  /** The round's rater groups: each judge marks their group's criteria only. */
  groups?: RoundSettings['groups'];
  /** 0 for the first contestant called in this rehearsal, 1 for the second… */
  callIndex: number;
  random: () => number;
  /** One habit per judge for the whole rehearsal (see `judgeHabits`). */
  habits: ReadonlyMap<Id, number>;
}

/** Each judge's habit, drawn once per rehearsal. */
export function judgeHabits(judges: readonly JudgeRecord[], random: () => number): Map<Id, number> {
  return new Map(judges.map((judge) => [judge.id, (random() * 2 - 1) * HABIT]));
}

export function planSheets({
  criteria,
  judges,
  contestant,
  recusal,
  groups,
  callIndex,
  random,
  habits,
}: PlanInput): PlannedSheet[] {
  const settings = groups === undefined ? {} : { groups };
  // A judge in none of the round's groups has nothing to mark.
  const eligible = judges.filter(
    (judge) =>
      !isRecusedFrom(judge, contestant, recusal) && judgeCriteria(settings, judge, criteria).length > 0,
  );
  if (eligible.length === 0) return [];
  const level = between(random, LEVEL);
  const lateAt = callIndex === 0 ? Math.floor(random() * eligible.length) : -1;
  const outlierAt = callIndex === 1 ? Math.floor(random() * eligible.length) : -1;
  return eligible.map((judge, index) => {
    const late = index === lateAt;
    const outlier = index === outlierAt;
    const delayMs = Math.round(between(random, late ? LATE_MS : ON_TIME_MS));
    const base = level + (habits.get(judge.id) ?? 0) - (outlier ? OUTLIER_DROP : 0);
    const marks = judgeCriteria(settings, judge, criteria).map((criterion) => ({
      criterionId: criterion.id,
      value: markAt(criterion, base + (random() * 2 - 1) * NOISE),
    }));
    return { judgeId: judge.id, delayMs, marks, late, outlier };
  });
}
