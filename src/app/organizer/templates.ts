/**
 * The templates a new competition can start from: each fills the first round with a real
 * scoring sheet (评分表), its settings, the time limit and the overtime rule. Labels and award
 * names come from the message catalogue, so a sheet is made in the organizer's language.
 */

import type { RoundDraft } from '../../db/repository';
import {
  DEFAULT_SETTINGS,
  type Hundredths,
  type Id,
  type PanelRule,
  type RaterGroup,
  type RoundSettings,
  type TieBreakStep,
} from '../../domain/model';
import type { AudienceVoting, OvertimeRule } from '../../domain/records';
import type { MessageKey } from '../i18n/messages';
import type { TFunction } from '../i18n/useT';

export type TemplateId =
  | 'secretary'
  | 'speech'
  | 'microLesson'
  | 'expertPublic'
  | 'expertLeaderPublic'
  | 'blank';

/** A round's sheet and rules, without the competition and the name: what a template gives. */
export type RoundSetup = Omit<RoundDraft, 'competitionId' | 'name'>;

interface CriterionTemplate {
  /** Kept as the criterion id: the tie-break chain refers to it. */
  id: string;
  labelKey: MessageKey;
  /** 分值制: a judge marks 0 to `max`, and that is what the criterion is worth. */
  max: Hundredths;
  step: Hundredths;
}

type AwardTemplate = { nameKey: MessageKey; count: number } | { nameKey: MessageKey; rest: true };

/** A rater group (评委分组) of the template; its id is what judges name as their 评委组. */
interface GroupTemplate {
  id: Id;
  labelKey: MessageKey;
  /** What the group is worth in the final, in hundredths (70 points: 7000). */
  weight: Hundredths;
  criteria: readonly Id[];
  panel: PanelRule | null;
  minJudges: number | null;
}

export interface RoundTemplate {
  id: TemplateId;
  nameKey: MessageKey;
  summaryKey: MessageKey;
  /** Empty for the blank template: the organizer builds the sheet. */
  criteria: readonly CriterionTemplate[];
  fullMark: Hundredths;
  tieBreak: readonly TieBreakStep[];
  awards: readonly AwardTemplate[];
  timeLimitSeconds: number | null;
  overtime: OvertimeRule | null;
  /** Rater groups, when the template has them; then `fullMark` is unused (the sheet's points are). */
  groups?: readonly GroupTemplate[];
  audience?: AudienceVoting;
}

// 一等奖 1, 二等奖 2, 三等奖 3, the rest 优秀奖: the usual prizes of such a contest, whatever its size.
const USUAL_AWARDS: readonly AwardTemplate[] = [
  { nameKey: 'org.tpl.award.first', count: 1 },
  { nameKey: 'org.tpl.award.second', count: 2 },
  { nameKey: 'org.tpl.award.third', count: 3 },
  { nameKey: 'org.tpl.award.merit', rest: true },
];

const TENTH: Hundredths = 10;

// 村党组织书记擂台比武's sheet: its own template's, and the experts' (and leaders') part of the grouped templates.
const SECRETARY_CRITERIA: readonly CriterionTemplate[] = [
  { id: 'content', labelKey: 'org.tpl.c.content', max: 4000, step: TENTH },
  { id: 'presence', labelKey: 'org.tpl.c.presence', max: 1500, step: TENTH },
  { id: 'language', labelKey: 'org.tpl.c.language', max: 2000, step: TENTH },
  { id: 'ppt', labelKey: 'org.tpl.c.ppt', max: 1500, step: TENTH },
  { id: 'overall', labelKey: 'org.tpl.c.overall', max: 1000, step: TENTH },
];
const SECRETARY_IDS = SECRETARY_CRITERIA.map((criterion) => criterion.id);
const VOTE: CriterionTemplate = {
  id: 'audienceVote',
  labelKey: 'org.audience.criterion.support',
  max: 100,
  step: 100,
};
const RATING: CriterionTemplate = {
  id: 'audienceVote',
  labelKey: 'org.audience.criterion.rating',
  max: 1000,
  step: 100,
};
const EXPERTS = {
  id: 'expert',
  labelKey: 'org.groups.expertLabel',
  criteria: SECRETARY_IDS,
  panel: null,
  minJudges: null,
} as const;
const AUDIENCE = {
  id: 'public',
  labelKey: 'org.groups.audienceLabel',
  criteria: ['audienceVote'],
  panel: { kind: 'mean' },
  minJudges: 1,
} as const;

export const TEMPLATES: readonly RoundTemplate[] = [
  {
    id: 'secretary',
    nameKey: 'org.tpl.secretary.name',
    summaryKey: 'org.tpl.secretary.summary',
    criteria: SECRETARY_CRITERIA,
    fullMark: 10000,
    tieBreak: ['exact', 'criterion:content'],
    awards: USUAL_AWARDS,
    timeLimitSeconds: 600,
    overtime: { everySeconds: 30, points: 50 },
  },
  {
    id: 'speech',
    nameKey: 'org.tpl.speech.name',
    summaryKey: 'org.tpl.speech.summary',
    criteria: [
      { id: 'speechContent', labelKey: 'org.tpl.c.speechContent', max: 4000, step: TENTH },
      { id: 'language', labelKey: 'org.tpl.c.language', max: 3000, step: TENTH },
      { id: 'bearing', labelKey: 'org.tpl.c.bearing', max: 2000, step: TENTH },
      { id: 'overall', labelKey: 'org.tpl.c.overall', max: 1000, step: TENTH },
    ],
    fullMark: 10000,
    tieBreak: ['exact', 'criterion:speechContent'],
    awards: USUAL_AWARDS,
    timeLimitSeconds: 300,
    overtime: { everySeconds: 30, points: 50 },
  },
  {
    id: 'microLesson',
    nameKey: 'org.tpl.microLesson.name',
    summaryKey: 'org.tpl.microLesson.summary',
    criteria: [
      { id: 'ideology', labelKey: 'org.tpl.c.ideology', max: 3000, step: TENTH },
      { id: 'relevance', labelKey: 'org.tpl.c.relevance', max: 2500, step: TENTH },
      { id: 'innovation', labelKey: 'org.tpl.c.innovation', max: 1500, step: TENTH },
      { id: 'expression', labelKey: 'org.tpl.c.expression', max: 2000, step: TENTH },
      { id: 'courseware', labelKey: 'org.tpl.c.courseware', max: 1000, step: TENTH },
    ],
    fullMark: 10000,
    tieBreak: ['exact', 'criterion:ideology'],
    awards: USUAL_AWARDS,
    timeLimitSeconds: 900,
    overtime: { everySeconds: 60, points: 100 },
  },
  {
    id: 'expertPublic',
    nameKey: 'org.tpl.expertPublic.name',
    summaryKey: 'org.tpl.expertPublic.summary',
    criteria: [...SECRETARY_CRITERIA, VOTE],
    fullMark: 10000,
    tieBreak: ['exact', 'criterion:content'],
    awards: USUAL_AWARDS,
    timeLimitSeconds: 600,
    overtime: { everySeconds: 30, points: 50 },
    groups: [
      { ...EXPERTS, weight: 7000 },
      { ...AUDIENCE, weight: 3000 },
    ],
    audience: { groupId: 'public', criterionId: 'audienceVote', mode: 'support', windowSeconds: 60 },
  },
  {
    id: 'expertLeaderPublic',
    nameKey: 'org.tpl.expertLeaderPublic.name',
    summaryKey: 'org.tpl.expertLeaderPublic.summary',
    criteria: [...SECRETARY_CRITERIA, RATING],
    fullMark: 10000,
    tieBreak: ['exact', 'criterion:content'],
    awards: USUAL_AWARDS,
    timeLimitSeconds: 600,
    overtime: { everySeconds: 30, points: 50 },
    groups: [
      { ...EXPERTS, weight: 5000 },
      {
        id: 'leader',
        labelKey: 'org.groups.leaderLabel',
        weight: 2000,
        criteria: SECRETARY_IDS,
        // 两评一鉴定: a leader's mark can weigh more than a peer's (权重 in 评委).
        panel: { kind: 'weighted' },
        minJudges: null,
      },
      { ...AUDIENCE, weight: 3000 },
    ],
    audience: { groupId: 'public', criterionId: 'audienceVote', mode: 'rating', windowSeconds: 60 },
  },
  {
    id: 'blank',
    nameKey: 'org.tpl.blank.name',
    summaryKey: 'org.tpl.blank.summary',
    criteria: [],
    fullMark: 10000,
    tieBreak: [],
    awards: [],
    timeLimitSeconds: null,
    overtime: null,
  },
];

export function findTemplate(id: TemplateId): RoundTemplate {
  return TEMPLATES.find((template) => template.id === id) as RoundTemplate;
}

/**
 * The round a template makes, in the language of `t`; null for the blank template, whose
 * sheet the organizer builds (a round needs at least one criterion).
 */
export function templateRound(template: RoundTemplate, t: TFunction): RoundSetup | null {
  if (template.criteria.length === 0) return null;
  const settings: RoundSettings = {
    ...DEFAULT_SETTINGS,
    tieBreak: [...template.tieBreak],
    awards: template.awards.map((tier) =>
      'rest' in tier ? { name: t(tier.nameKey), rest: true } : { name: t(tier.nameKey), count: tier.count },
    ),
    ...(template.groups ? { groups: template.groups.map((group) => groupOf(group, t)) } : {}),
  };
  const criteria = template.criteria.map(({ id, labelKey, max, step }) => ({
    id,
    label: t(labelKey),
    max,
    points: max,
    step,
  }));
  return {
    criteria,
    settings,
    timeLimitSeconds: template.timeLimitSeconds,
    overtime: template.overtime,
    // With groups the final is out of the groups' weights; the sheet's points only need to add up.
    fullMark: template.groups
      ? criteria.reduce((sum, criterion) => sum + criterion.points, 0)
      : template.fullMark,
    ...(template.audience ? { audience: { ...template.audience } } : {}),
  };
}

function groupOf(group: GroupTemplate, t: TFunction): RaterGroup {
  return {
    id: group.id,
    label: t(group.labelKey),
    weight: group.weight,
    criteria: [...group.criteria],
    panel: group.panel === null ? null : { ...group.panel },
    minJudges: group.minJudges,
  };
}
