// @vitest-environment node
/**
 * Before 公布 in a round with rater groups: a judge's sheet is its group's criteria, no more, and
 * its total is compared with its own group's.
 */
import { describe, expect, it } from 'vitest';
import { type ContestantResult, computeStandings } from '../../../src/domain/engine.ts';
import type { RaterGroup } from '../../../src/domain/model.ts';
import { contestantOutliers } from '../../../src/domain/outliers.ts';
import { panelProgress, revealChecks } from '../../../src/domain/reveal-checks.ts';
import { mark, sheet } from './contestant-rows.ts';
import { buildRound, group } from './round-builder.ts';

const groups: RaterGroup[] = [
  { id: 'expert', label: '专家评委', weight: 7000, criteria: ['c1', 'c2'], panel: null, minJudges: null },
  { id: 'leader', label: '领导评委', weight: 3000, criteria: ['c3'], panel: null, minJudges: null },
];
const criteria = [{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }];

describe('panel progress with rater groups', () => {
  it("counts each judge's own group's criteria: a submitted sheet of them is complete", () => {
    const judges = [
      { id: 'E1', unit: null, group: 'expert' },
      { id: 'E2', unit: null, group: 'expert' },
      { id: 'L1', unit: null, group: 'leader' },
    ];
    const marks = [
      mark('E1', 'c1', 100),
      mark('E1', 'c2', 200),
      mark('E2', 'c1', 100),
      mark('L1', 'c3', 300),
    ];
    const sheets = [sheet('E1', 'submitted'), sheet('E2', 'submitted'), sheet('L1', 'submitted')];
    const progress = panelProgress(judges, { id: 'P', unit: null }, criteria, marks, sheets, 'equal', groups);
    expect(progress).toEqual([
      { judgeId: 'E1', status: 'submitted', marked: 2, unmarked: [] },
      { judgeId: 'E2', status: 'incomplete', marked: 1, unmarked: ['c2'] },
      { judgeId: 'L1', status: 'submitted', marked: 1, unmarked: [] },
    ]);
    expect(revealChecks(progress, [], new Set(), []).incomplete.map((entry) => entry.judgeId)).toEqual([
      'E2',
    ]);
    // Without the groups every judge's sheet would be the whole sheet.
    expect(
      panelProgress(judges, { id: 'P', unit: null }, criteria, marks, sheets, 'equal').map(
        (entry) => entry.status,
      ),
    ).toEqual(['incomplete', 'incomplete', 'incomplete']);
  });
});

describe('outliers with rater groups', () => {
  it("compares each total with its own group's median and full mark", () => {
    const round = buildRound({
      criteria: [
        { id: 'c1', max: 100 },
        { id: 'c2', max: 10 },
      ],
      judges: [
        ...['E1', 'E2', 'E3'].map((id) => ({ id, group: 'expert' })),
        ...['L1', 'L2', 'L3'].map((id) => ({ id, group: 'leader' })),
      ],
      contestants: ['P'],
      marks: {
        E1: { P: [80, null] },
        E2: { P: [82, null] },
        E3: { P: [60, null] },
        L1: { P: [null, 9] },
        L2: { P: [null, 7.5] },
        L3: { P: [null, 9.2] },
      },
      settings: { groups: [group('expert', 80, ['c1']), group('leader', 20, ['c2'])] },
    });
    const result = computeStandings(round).ranked[0] as ContestantResult;
    // E3 is 20 below the experts' 80 (10 % of 100 is 10); L2 is 1.5 below the leaders' 9 (10 % of 10 is 1).
    expect(contestantOutliers(result, round.criteria, round.settings)).toEqual([
      { judge: 'E3', shown: '60.00', direction: 'low' },
      { judge: 'L2', shown: '7.50', direction: 'low' },
    ]);
    // One panel of all six would flag every leader against a median of 45 and a full mark of 110.
    expect(contestantOutliers(result, round.criteria, {}).map((outlier) => outlier.judge)).toEqual([
      'E1',
      'E2',
      'E3',
      'L1',
      'L2',
      'L3',
    ]);
  });
});
