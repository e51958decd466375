/**
 * How consistent each judge was with the panel, for the judge-consistency charts: each judge's
 * counted totals of the ranked contestants, their mean and spread, and their distance from the
 * panel aggregate of the same contestants. Display only: the values are floats made from the engine's exact strings,
 * and nothing here reaches a score or a rank.
 */

import type { Standings } from '../../domain/engine';
import type { Id } from '../../domain/model';
import type { JudgeRecord } from '../../domain/records';

/** An exact engine value ("87.725", "263/3") as a float, for drawing. */
export function approximate(exact: string): number {
  const [numerator, denominator] = exact.split('/');
  return Number(numerator) / (denominator === undefined ? 1 : Number(denominator));
}

export interface JudgePoint {
  contestantId: Id;
  contestantName: string;
  total: number;
  panel: number;
  /** total − panel: above zero, this judge marked the contestant higher than the panel did. */
  deviation: number;
  /** One of the panel's largest deviations. */
  flagged: boolean;
}

export interface JudgeConsistency {
  judgeId: Id;
  name: string;
  points: JudgePoint[];
  mean: number;
  /** Standard deviation of the judge's totals. */
  spread: number;
  min: number;
  max: number;
  /** Mean of the deviations: lenient above zero, strict below. */
  meanDeviation: number;
  /** Mean of the absolute deviations: how far from the panel, whichever way. */
  meanDistance: number;
}

export interface ConsistencyReport {
  judges: JudgeConsistency[];
  /** The largest deviations of the round, largest first. */
  flagged: (JudgePoint & { judgeId: Id; judgeName: string })[];
  /** The range of every total and panel value, for a shared axis. */
  low: number;
  high: number;
}

/** How many of the largest deviations are flagged. */
const FLAGGED_COUNT = 5;

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

export function judgeConsistency(standings: Standings, judges: readonly JudgeRecord[]): ConsistencyReport {
  // Complete results only: a pending contestant's panel is not yet the panel.
  const results = standings.ranked.filter((result) => result.aggregate !== null);
  const pointsByJudge = new Map<Id, JudgePoint[]>();
  for (const result of results) {
    const panel = approximate(result.aggregate as string);
    for (const entry of result.judgeTotals) {
      const total = approximate(entry.total);
      const points = pointsByJudge.get(entry.judge) ?? [];
      points.push({
        contestantId: result.id,
        contestantName: result.name,
        total,
        panel,
        deviation: total - panel,
        flagged: false,
      });
      pointsByJudge.set(entry.judge, points);
    }
  }
  const flagged = judges
    .flatMap((judge) =>
      (pointsByJudge.get(judge.id) ?? []).map((point) => ({
        point,
        judgeId: judge.id,
        judgeName: judge.name,
      })),
    )
    .sort((a, b) => Math.abs(b.point.deviation) - Math.abs(a.point.deviation))
    .slice(0, FLAGGED_COUNT)
    .filter(({ point }) => point.deviation !== 0);
  for (const { point } of flagged) point.flagged = true;

  const judgeStats = judges.flatMap((judge): JudgeConsistency[] => {
    const points = pointsByJudge.get(judge.id) ?? [];
    if (points.length === 0) return [];
    const totals = points.map((point) => point.total);
    const average = mean(totals);
    return [
      {
        judgeId: judge.id,
        name: judge.name,
        points,
        mean: average,
        spread: Math.sqrt(mean(totals.map((total) => (total - average) ** 2))),
        min: Math.min(...totals),
        max: Math.max(...totals),
        meanDeviation: mean(points.map((point) => point.deviation)),
        meanDistance: mean(points.map((point) => Math.abs(point.deviation))),
      },
    ];
  });
  const everything = judgeStats.flatMap((judge) =>
    judge.points.flatMap((point) => [point.total, point.panel]),
  );
  return {
    judges: judgeStats,
    flagged: flagged.map(({ point, judgeId, judgeName }) => ({ ...point, judgeId, judgeName })),
    low: everything.length > 0 ? Math.min(...everything) : 0,
    high: everything.length > 0 ? Math.max(...everything) : 0,
  };
}
