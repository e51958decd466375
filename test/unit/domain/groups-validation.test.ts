// @vitest-environment node
/** Bad rater-group settings refuse the round whole, with messages that name the group, judge or mark. */
import { describe, expect, it } from 'vitest';
import { computeStandings } from '../../../src/domain/engine.ts';
import { readInterchangeRound } from '../../../src/domain/interchange.ts';
import { describeIssue } from '../../../src/domain/issue-texts.ts';
import { RoundRejectedError } from '../../../src/domain/issues.ts';
import { computeLiveStandings } from '../../../src/domain/live-standings.ts';
import type { RaterGroup, RoundInput } from '../../../src/domain/model.ts';
import { screenRound } from '../../../src/domain/validate.ts';
import { buildRound, group } from './round-builder.ts';

const expert = { ...group('expert', 70, ['c1']), label: '专家评委' };
const audience = { ...group('public', 30, ['vote']), label: '大众评审' };

/** The round with these groups (null: none). */
function grouped(groups: RaterGroup[] | null = [expert, audience], change: Partial<RoundInput> = {}) {
  const round = buildRound({
    criteria: [
      { id: 'c1', max: 100 },
      { id: 'vote', max: 1, step: 1 },
    ],
    judges: [
      { id: 'E1', group: 'expert' },
      { id: 'A1', group: 'public' },
    ],
    contestants: ['P1'],
    marks: { E1: { P1: [80, null] }, A1: { P1: [null, 1] } },
    settings: { minJudges: null, ...(groups ? { groups } : {}) },
  });
  return { ...round, ...change };
}

function rejection(round: RoundInput, language: 'zh-CN' | 'en' = 'zh-CN'): string[] {
  try {
    computeStandings(round);
  } catch (error) {
    if (error instanceof RoundRejectedError)
      return error.issues.map((found) => describeIssue(found, language));
    throw error;
  }
  throw new Error('the round was accepted');
}

const withSettings = (change: Partial<RoundInput['settings']>) => {
  const round = grouped();
  return { ...round, settings: { ...round.settings, ...change } };
};

describe('rater group settings', () => {
  it('accepts the valid round', () => {
    expect(computeStandings(grouped()).ranked.map((result) => result.announcedScore)).toEqual(['86.00']);
  });

  it('refuses an empty list, a duplicate id and roundEachGroup without groups', () => {
    expect(rejection(withSettings({ groups: [] }))).toEqual([
      '评委分组不能是空列表（不分组的轮次请不要设置 groups）',
    ]);
    expect(rejection(grouped([expert, audience, { ...expert, criteria: null }]))).toEqual([
      '评委组编号 expert 重复',
    ]);
    const plain = buildRound({ judges: ['J1'], contestants: ['P1'], settings: { roundEachGroup: true } });
    expect(rejection(plain, 'en')).toEqual(['roundEachGroup needs groups']);
  });

  it("refuses a group's criteria that are empty, repeated or unknown, and a criterion no group marks", () => {
    expect(rejection(grouped([expert, { ...audience, criteria: [] }]))).toEqual([
      '评委组「大众评审（public）」的评分项列表是空的（不写则为全部评分项）',
      '评分项「vote」没有任何评委组打分',
      // A1's vote is then outside its group's criteria too.
      'A1 给 P1 的「vote」打分，但这个评分项不归评委组「大众评审（public）」打分',
    ]);
    expect(rejection(grouped([expert, { ...audience, criteria: ['vote', 'vote'] }]), 'en')).toEqual([
      'group 大众评审（public）: criterion vote is listed twice',
    ]);
    expect(rejection(grouped([expert, { ...audience, criteria: ['vote', 'ppt'] }]), 'en')).toEqual([
      'group 大众评审（public）: criterion ppt is not on the sheet',
    ]);
    expect(rejection(grouped([expert]), 'en')).toEqual([
      "judge A1: group public is not one of the round's groups",
      'criterion vote is marked by no group',
    ]);
  });

  it('refuses a bad weight, panel or minJudges of a group, and a round-level minJudges', () => {
    expect(rejection(grouped([{ ...expert, weight: 0 }, audience]), 'en')).toEqual([
      'group 专家评委（expert）: weight must be above 0 with at most two decimals, got 0',
    ]);
    expect(rejection(grouped([{ ...expert, weight: 70.5 }, audience]), 'en')).toEqual([
      'group 专家评委（expert）: weight must be above 0 with at most two decimals, got 0.705',
    ]);
    expect(rejection(grouped([{ ...expert, panel: { kind: 'trimmed', k: -1 } }, audience]), 'en')).toEqual([
      'group 专家评委（expert）: trimmed k must be a whole number of at least 0, got -1',
    ]);
    expect(
      rejection(
        grouped([{ ...expert, panel: { kind: 'best' } as unknown as RaterGroup['panel'] }, audience]),
        'en',
      ),
    ).toEqual(['group 专家评委（expert）: unknown panel rule "best" (mean, trimmed, median or weighted)']);
    expect(rejection(grouped([{ ...expert, minJudges: 0 }, audience]), 'en')).toEqual([
      'group 专家评委（expert）: minJudges must be a whole number of at least 1, got 0',
    ]);
    expect(rejection(withSettings({ minJudges: 3 }), 'en')).toEqual([
      'a round with groups sets minJudges per group, not for the round (3)',
    ]);
  });

  it('refuses a judge without a group, with an unknown one, or with one when the round has none', () => {
    const round = grouped();
    const judges = (change: Partial<RoundInput['judges'][number]>[]) =>
      round.judges.map((judge, at) => ({ ...judge, ...change[at] }));
    const { group: _, ...noGroup } = round.judges[0] as RoundInput['judges'][number];
    expect(rejection({ ...round, judges: [noGroup, ...round.judges.slice(1)] })).toEqual([
      '评委 E1 没有分到评委组（本轮分组评分）',
    ]);
    expect(rejection({ ...round, judges: judges([{ group: 'leader' }]) }, 'en')).toEqual([
      "judge E1: group leader is not one of the round's groups",
    ]);
    const plain = grouped(null);
    expect(rejection(plain, 'en')).toEqual([
      'judge E1 is in group expert, and the round has no groups',
      'judge A1 is in group public, and the round has no groups',
    ]);
  });

  it("refuses a mark outside the judge's group: whole in the engine, that sheet alone on a live device", () => {
    const round = grouped();
    const outside = {
      ...round,
      marks: [...round.marks, { judge: 'A1', contestant: 'P1', criterion: 'c1', value: 9000 }],
    };
    expect(rejection(outside)).toEqual([
      'A1 给 P1 的「c1」打分，但这个评分项不归评委组「大众评审（public）」打分',
    ]);
    expect(rejection(outside, 'en')).toEqual([
      'judge A1, contestant P1: c1 is not marked by the group 大众评审（public）',
    ]);
    const screened = screenRound(outside);
    expect(screened.roundIssues).toEqual([]);
    expect(screened.refused.map((entry) => [entry.judge, entry.issue.code])).toEqual([
      ['A1', 'markOutsideGroup'],
    ]);
    // The live standings set that sheet aside and hold the contestant, named, rather than refuse the round.
    const live = computeLiveStandings(outside);
    expect(live.held.map((result) => result.id)).toEqual(['P1']);
    expect(live.setAside.map((sheet) => [sheet.judge, sheet.affectsScore])).toEqual([['A1', true]]);
  });
});

describe('rater groups in the interchange format', () => {
  const file = (change: Record<string, unknown> = {}) => ({
    criteria: [
      { id: 'content', label: '内容', max: 100 },
      { id: 'vote', label: '大众投票', max: 1, step: 1 },
    ],
    judges: [
      { id: 'E1', group: 'expert' },
      { id: 'A1', group: 'public' },
    ],
    contestants: [{ id: 'P1' }],
    scores: [
      { judge: 'E1', contestant: 'P1', criterion: 'content', mark: '80' },
      { judge: 'A1', contestant: 'P1', criterion: 'vote', mark: 1 },
    ],
    groups: [
      { id: 'expert', label: '专家评委', weight: '70', criteria: ['content'], panel: 'mean', minJudges: 1 },
      { id: 'public', weight: 30, criteria: ['vote'], panel: { kind: 'trimmed', k: 0 } },
    ],
    ...change,
  });
  const issuesOf = (json: unknown) => {
    try {
      computeStandings(readInterchangeRound(json));
    } catch (error) {
      if (error instanceof RoundRejectedError) return error.issues.map((found) => describeIssue(found, 'en'));
      throw error;
    }
    return [];
  };

  it('reads groups, judges’ groups and roundEachGroup (a label defaults to the id)', () => {
    const round = readInterchangeRound(file({ roundEachGroup: true }));
    expect(round.settings.groups).toEqual([
      {
        id: 'expert',
        label: '专家评委',
        weight: 7000,
        criteria: ['content'],
        panel: { kind: 'mean' },
        minJudges: 1,
      },
      {
        id: 'public',
        label: 'public',
        weight: 3000,
        criteria: ['vote'],
        panel: { kind: 'trimmed', k: 0 },
        minJudges: null,
      },
    ]);
    expect(round.settings.roundEachGroup).toBe(true);
    expect(round.judges.map((judge) => judge.group)).toEqual(['expert', 'public']);
    expect(computeStandings(round).ranked[0]?.announcedScore).toBe('86.00');
  });

  it('leaves the fields out of a round without them', () => {
    const round = readInterchangeRound(file({ groups: undefined, judges: [{ id: 'E1' }] }));
    expect('groups' in round.settings).toBe(false);
    expect('roundEachGroup' in round.settings).toBe(false);
    expect('group' in (round.judges[0] as object)).toBe(false);
  });

  it('refuses malformed group fields by their path', () => {
    expect(issuesOf(file({ groups: { id: 'expert' } }))).toEqual(['groups must be a list']);
    expect(issuesOf(file({ groups: [{ id: 'expert', weight: '70.125', criteria: 'content' }] }))).toEqual([
      'groups[0].weight has more than two decimals: "70.125"',
      'groups[0].criteria must be a list',
    ]);
    expect(issuesOf(file({ groups: [{ id: 'expert' }] }))).toEqual(['groups[0].weight is required']);
    expect(issuesOf(file({ groups: [{ id: 'expert', weight: 70, panel: { kind: 'best' } }] }))).toEqual([
      'unknown panel rule "best" (mean, trimmed, median or weighted)',
    ]);
    expect(
      issuesOf(
        file({
          judges: [
            { id: 'E1', group: ['expert'] },
            { id: 'A1', group: 'public' },
          ],
        }),
      ),
    ).toEqual(['judges[0].group must be text, got ["expert"]']);
  });
});
