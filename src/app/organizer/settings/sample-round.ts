/**
 * The sample round of the settings preview: 6 contestants and 5 judges over the round's own
 * sheet, with marks that are a fixed function of contestant, judge and criterion (no
 * randomness), so the same settings always show the same preview.
 *
 * The marks are made to show what the settings do: judge 2 marks generously and judge 5
 * strictly (the trim drops them), judge 1 weighs double (the weighted rule differs), and
 * contestant 5 has the same judge totals as contestant 4 except a higher top one, so they tie
 * under the trim and the `untrimmed` tie-break separates them. With rater groups, each group has
 * its own 5 judges (the first weighing double), marking the group's criteria alone; a yes/no
 * criterion (大众投票) gets a mix of 1s and 0s that differs between contestants.
 */

import type {
  Contestant,
  Criterion,
  Hundredths,
  Judge,
  Mark,
  RaterGroup,
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
  if (criterion.max === criterion.step) {
    return (contestant * 7 + judge * 3) % 10 < 8 - contestant ? criterion.step : 0;
  }
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

function sampleContestants(names: SampleNames): Contestant[] {
  return Array.from({ length: SAMPLE_CONTESTANTS }, (_, at) => ({
    id: `contestant-${at + 1}`,
    name: names.contestant(at + 1),
    unit: null,
    draw: at + 1,
    status: 'active',
  }));
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
  if (settings.groups) return sampleGroupRound(criteria, settings, settings.groups, names);
  const judges: Judge[] = Array.from({ length: SAMPLE_JUDGES }, (_, at) => ({
    id: `judge-${at + 1}`,
    name: names.judge(at + 1),
    weight: at === 0 ? SAMPLE_HEAVY_JUDGE_WEIGHT : 100,
    unit: null,
  }));
  const contestants = sampleContestants(names);
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

/** The sample round of a grouped round: judges numbered on across the groups (评委1 … 评委15). */
function sampleGroupRound(
  criteria: readonly Criterion[],
  settings: RoundSettings,
  groups: readonly RaterGroup[],
  names: SampleNames,
): RoundInput {
  const contestants = sampleContestants(names);
  const grid = sampleMarks(criteria);
  const judges: Judge[] = [];
  const marks: Mark[] = [];
  groups.forEach((group, g) => {
    const marked = new Set(group.criteria ?? criteria.map((criterion) => criterion.id));
    for (let j = 0; j < SAMPLE_JUDGES; j++) {
      const number = g * SAMPLE_JUDGES + j + 1;
      const judge: Judge = {
        id: `judge-${number}`,
        name: names.judge(number),
        weight: j === 0 ? SAMPLE_HEAVY_JUDGE_WEIGHT : 100,
        unit: null,
        group: group.id,
      };
      judges.push(judge);
      contestants.forEach((contestant, p) => {
        criteria.forEach((criterion, c) => {
          if (!marked.has(criterion.id)) return;
          marks.push({
            judge: judge.id,
            contestant: contestant.id,
            criterion: criterion.id,
            value: grid[p]?.[j]?.[c] ?? 0,
          });
        });
      });
    }
  });
  return { criteria: [...criteria], judges, contestants, marks, adjustments: [], settings };
}
