/**
 * What can be wrong with a combination of stages (./combination.ts), named precisely: the stage
 * is named in every message that concerns one. Settings shared with a round (decimals, rounding,
 * award tiers) are checked by the round's own checks and described by its catalogue
 * (./issues.ts); the rest are here, in Chinese (default) and English.
 */
import { describeIssue } from './issue-texts.ts';
import type { Issue, IssueCode, Language } from './issues.ts';

const templates = {
  noStages: { 'zh-CN': '组合至少需要一个阶段', en: 'the combination needs at least one stage' },
  stageUnknown: {
    'zh-CN': '阶段 {stage} 不是已提供成绩的轮次',
    en: 'stage {stage} is not a round whose standings were given',
  },
  stageRepeated: { 'zh-CN': '阶段 {stage} 重复列出', en: 'stage {stage} is listed twice' },
  stageInputRepeated: {
    'zh-CN': '轮次 {stage} 的成绩提供了两次',
    en: 'the standings of round {stage} were given twice',
  },
  stageWeightInvalid: {
    'zh-CN': '阶段 {stage} 的权重应为大于 0、最多两位小数的数，实际为 {value}',
    en: 'stage {stage}: the weight must be above 0 with at most two decimals, got {value}',
  },
  stageNoFullMarks: {
    'zh-CN': '阶段 {stage} 的满分为 0（没有评分项或评委组），无法折算',
    en: 'stage {stage} has no full marks (no criteria or groups) to weigh its score by',
  },
  stageContestantUnknown: {
    'zh-CN': '阶段 {stage} 的成绩中有不在选手名单上的 {contestant}',
    en: 'stage {stage}: the standings list {contestant}, who is not among its contestants',
  },
  stageScoreInvalid: {
    'zh-CN': '阶段 {stage} 中 {contestant} 的最后得分“{value}”不是小数',
    en: 'stage {stage}: the score "{value}" of {contestant} is not a decimal number',
  },
  stageSamePerson: {
    'zh-CN': '阶段 {stage} 中有两位选手同名同单位（{person}），无法与其他阶段对应',
    en: 'stage {stage} has two contestants of the same name and unit ({person}): they cannot be matched across stages',
  },
  combinationTieBreakUnknown: {
    'zh-CN': '并列处理规则“{value}”无效（应为 exact 或 stage:阶段轮次编号）',
    en: 'unknown tie-break "{value}" (exact or stage:<round id of a stage>)',
  },
  combinationTieBreakRepeated: {
    'zh-CN': '并列处理规则“{value}”重复',
    en: 'tie-break "{value}" is listed twice',
  },
} as const;

export type CombinationIssueCode = keyof typeof templates;

export interface CombinationIssue {
  code: CombinationIssueCode | IssueCode;
  /** Where in the combination: "stages[1].weight", "tieBreak[0]", "decimals". */
  path: string;
  params: Record<string, string | number>;
}

function isCombinationCode(code: string): code is CombinationIssueCode {
  return code in templates;
}

export function describeCombinationIssue(found: CombinationIssue, language: Language = 'zh-CN'): string {
  const { code } = found;
  if (!isCombinationCode(code)) return describeIssue(found as Issue, language);
  const params: Record<string, string | number> = { path: found.path, ...found.params };
  return templates[code][language].replace(/\{(\w+)\}/g, (_, name: string) =>
    name in params ? String(params[name]) : `{${name}}`,
  );
}

/** Thrown when a combination breaks a rule: it carries every issue found, and nothing is computed. */
export class CombinationRejectedError extends Error {
  constructor(readonly issues: readonly CombinationIssue[]) {
    super(issues.map((found) => describeCombinationIssue(found)).join('\n'));
    this.name = 'CombinationRejectedError';
  }
}
