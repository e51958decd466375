import { describe, expect, it } from 'vitest';
import { translate } from '../../../src/app/i18n/messages';
import { findTemplate, TEMPLATES, templateRound } from '../../../src/app/organizer/templates';
import { createCompetition } from '../../../src/db/repository';
import { computeStandings } from '../../../src/domain/engine';
import type { Issue } from '../../../src/domain/issues';
import type { Criterion, Judge, Mark, RoundInput } from '../../../src/domain/model';
import { checkSettings } from '../../../src/domain/validate';
import { freshDb } from '../db/helpers';

const zh = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('zh-CN', key, params);
const en = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('en', key, params);

describe('templates', () => {
  for (const template of TEMPLATES.filter((each) => each.criteria.length > 0 && !each.groups)) {
    it(`${zh(template.nameKey)}: the points add up to the full mark and the engine scores a round of it`, () => {
      const setup = templateRound(template, zh);
      if (!setup) throw new Error('a template with criteria makes a round');
      const points = setup.criteria.reduce((sum, criterion) => sum + (criterion.points ?? criterion.max), 0);
      expect(points).toBe(setup.fullMark);
      expect(setup.fullMark).toBe(10000);

      const criteria = setup.criteria as Criterion[];
      const judges = ['J1', 'J2', 'J3', 'J4', 'J5'].map((id) => ({ id, name: id, weight: 100, unit: null }));
      const contestants = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7'].map((id, at) => ({
        id,
        name: id,
        unit: null,
        draw: at + 1,
        status: 'active' as const,
      }));
      const input: RoundInput = {
        criteria,
        judges,
        contestants,
        marks: contestants.flatMap((contestant, p) =>
          judges.flatMap((judge, j) =>
            criteria.map((criterion) => ({
              judge: judge.id,
              contestant: contestant.id,
              criterion: criterion.id,
              value: criterion.max - criterion.step * (p * 6 + j),
            })),
          ),
        ),
        adjustments: [],
        settings: setup.settings ?? (undefined as never),
      };
      const standings = computeStandings(input);
      expect(standings.ranked.map((result) => [result.id, result.award])).toEqual([
        ['P1', '一等奖'],
        ['P2', '二等奖'],
        ['P3', '二等奖'],
        ['P4', '三等奖'],
        ['P5', '三等奖'],
        ['P6', '三等奖'],
        ['P7', '优秀奖'],
      ]);
    });
  }

  it('村党组织书记擂台比武 is the sheet of the venue: 40/15/20/15/10, 10 minutes, trimmed k = 1, two decimals', () => {
    const setup = templateRound(findTemplate('secretary'), zh);
    expect(setup?.criteria.map((criterion) => [criterion.label, criterion.max, criterion.step])).toEqual([
      ['内容', 4000, 10],
      ['形象风采', 1500, 10],
      ['语言表达', 2000, 10],
      ['PPT制作', 1500, 10],
      ['综合印象', 1000, 10],
    ]);
    expect(setup?.timeLimitSeconds).toBe(600);
    expect(setup?.overtime).toEqual({ everySeconds: 30, points: 50 });
    expect(setup?.settings).toMatchObject({
      panel: { kind: 'trimmed', k: 1 },
      decimals: 2,
      rounding: 'half-up',
    });
    // The tie-break refers to a criterion of the sheet.
    expect(setup?.settings?.tieBreak).toEqual(['exact', 'criterion:content']);
  });

  it('are made in the language asked for, and blank makes no round', () => {
    expect(templateRound(findTemplate('speech'), en)?.criteria[0]?.label).toBe('Speech content');
    expect(templateRound(findTemplate('blank'), zh)).toBeNull();
  });

  for (const id of ['expertPublic', 'expertLeaderPublic'] as const) {
    it(`${zh(findTemplate(id).nameKey)}: valid groups, the audience voting on its own group and criterion, a round the engine scores`, async () => {
      const setup = templateRound(findTemplate(id), zh);
      const settings = setup?.settings;
      if (!setup || !settings?.groups || !setup.audience)
        throw new Error('a grouped template makes groups and voting');
      const criteria = setup.criteria as Criterion[];
      const issues: Issue[] = [];
      checkSettings(settings, new Set(criteria.map((criterion) => criterion.id)), issues);
      expect(issues).toEqual([]);
      expect(settings.minJudges).toBeNull();
      const weights = settings.groups.reduce((sum, group) => sum + group.weight, 0);
      expect(weights).toBe(10000);

      const { groupId, criterionId, mode } = setup.audience;
      const audience = settings.groups.find((group) => group.id === groupId);
      expect(audience).toMatchObject({ criteria: [criterionId], panel: { kind: 'mean' }, minJudges: 1 });
      expect(criteria.find((criterion) => criterion.id === criterionId)).toMatchObject(
        mode === 'support' ? { max: 100, step: 100 } : { max: 1000, step: 100 },
      );
      // The repository accepts it as it is (its own check of the voting included).
      const db = freshDb();
      await createCompetition(db, { name: '擂台比武', firstRound: { ...setup, name: '决赛' } });
      expect((await db.rounds.toArray())[0]?.audience).toEqual(setup.audience);

      // Five judges per group, each marking its group's criteria only.
      const judges: Judge[] = settings.groups.flatMap((group) =>
        [1, 2, 3, 4, 5].map((n) => ({
          id: `${group.id}${n}`,
          name: `${group.label}${n}`,
          weight: 100,
          unit: null,
          group: group.id,
        })),
      );
      const contestants = ['P1', 'P2', 'P3'].map((pid, at) => ({
        id: pid,
        name: pid,
        unit: null,
        draw: at + 1,
        status: 'active' as const,
      }));
      const marks: Mark[] = contestants.flatMap((contestant, p) =>
        judges.flatMap((judge, j) =>
          criteria
            .filter((criterion) =>
              settings.groups?.find((group) => group.id === judge.group)?.criteria?.includes(criterion.id),
            )
            .map((criterion) => ({
              judge: judge.id,
              contestant: contestant.id,
              criterion: criterion.id,
              value: Math.max(0, criterion.max - criterion.step * (p * 3 + (j % 5))),
            })),
        ),
      );
      const standings = computeStandings({ criteria, judges, contestants, marks, adjustments: [], settings });
      expect(standings.ranked.map((result) => result.id)).toEqual(['P1', 'P2', 'P3']);
      expect(standings.ranked[0]?.groups?.map((group) => [group.id, group.countedJudges])).toEqual(
        settings.groups.map((group) => [group.id, 5]),
      );
    });
  }
});
