/**
 * The sample round of the settings preview: 6 contestants and 5 judges over the round's own
 * sheet, with marks that are a fixed function of contestant, judge and criterion (no
 * randomness), so the same settings always show the same preview.
 *
 * The marks are made to show what the settings do: judge 2 marks generously and judge 5
 * strictly (the trim drops them), judge 1 weighs double (the weighted rule differs), and
 * contestant 5 has the same judge totals as contestant 4 except a higher top one, so they tie
 * under the trim and the `untrimmed` tie-break separates them.
 */

import type {
  Contestant,
  Criterion,
  Hundredths,
  Judge,
  Mark,
  RoundInput,
  RoundSettings,
} from '../../../domain/model';

export const SAMPLE_CONTESTANTS = 6;
export const SAMPLE_JUDGES = 5;
/** Judge 1 counts double in a weighted panel. */
const SAMPLE_HEAVY_JUDGE_WEIGHT: Hundredths = 200;

const LEVEL = [930, 900, 870, 840, 840, 800];
const HABIT = [0, 35, -30, 15, -50];

function levelMark(criterion: Criterion, contestant: number, judge: number, position: number): Hundredths {
  const wobble = (((contestant * 7 + judge * 11 + position * 5) % 9) - 4) * 12;
  const thousandths = (LEVEL[contestant] ?? 850) + (HABIT[judge] ?? 0) + wobble;
  const steps = criterion.max / criterion.step;
  return Math.min(steps, Math.max(0, Math.floor((steps * thousandths) / 1000))) * criterion.step;
}

/** A judge's total for ordering only (which judge is highest); never a score. */
function roughTotal(criteria: readonly Criterion[], marks: readonly Hundredths[]): number {
  return criteria.reduce(
    (sum, criterion, at) => sum + ((marks[at] ?? 0) * criterion.points) / criterion.max,
    0,
  );
}

function sampleMarks(criteria: readonly Criterion[]): Hundredths[][][] {
  const grid = Array.from({ length: SAMPLE_CONTESTANTS }, (_, contestant) =>
    Array.from({ length: SAMPLE_JUDGES }, (_, judge) =>
      criteria.map((criterion, position) => levelMark(criterion, contestant, judge, position)),
    ),
  );
  // Contestant 5: contestant 4's judge rows, rotated, with the top judge one step higher.
  const fourth = grid[3] as Hundredths[][];
  const fifth = fourth.map((_, judge) => [...(fourth[(judge + 1) % SAMPLE_JUDGES] as Hundredths[])]);
  const totals = fifth.map((row) => roughTotal(criteria, row));
  const top = fifth[totals.indexOf(Math.max(...totals))] as Hundredths[];
  const room = criteria.findIndex((criterion, at) => (top[at] ?? 0) + criterion.step <= criterion.max);
  if (room !== -1) top[room] = (top[room] ?? 0) + (criteria[room] as Criterion).step;
  grid[4] = fifth;
  return grid;
}

export interface SampleNames {
  contestant: (number: number) => string;
  judge: (number: number) => string;
}

export function sampleRound(
  criteria: readonly Criterion[],
  settings: RoundSettings,
  names: SampleNames,
): RoundInput {
  const judges: Judge[] = Array.from({ length: SAMPLE_JUDGES }, (_, at) => ({
    id: `judge-${at + 1}`,
    name: names.judge(at + 1),
    weight: at === 0 ? SAMPLE_HEAVY_JUDGE_WEIGHT : 100,
    unit: null,
  }));
  const contestants: Contestant[] = Array.from({ length: SAMPLE_CONTESTANTS }, (_, at) => ({
    id: `contestant-${at + 1}`,
    name: names.contestant(at + 1),
    unit: null,
    draw: at + 1,
    status: 'active',
  }));
  const grid = sampleMarks(criteria);
  const marks: Mark[] = contestants.flatMap((contestant, p) =>
    judges.flatMap((judge, j) =>
      criteria.map((criterion, c) => ({
        judge: judge.id,
        contestant: contestant.id,
        criterion: criterion.id,
        value: grid[p]?.[j]?.[c] ?? 0,
      })),
    ),
  );
  return { criteria: [...criteria], judges, contestants, marks, adjustments: [], settings };
}
