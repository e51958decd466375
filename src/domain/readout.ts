/**
 * The sentence the host reads out on 公布, made from the engine's result for the contestant:
 * 去掉一个最高分94.50分，去掉一个最低分83.00分，扣除超时扣分0.5分，最后得分88.25分，目前排名第4名。
 * With rater groups each group is named with its own trim and score: 专家评委去掉一个最高分…，
 * 平均分88.35分，大众评审支持率83.3%，最后得分86.85分…
 * The numbers are the engine's own texts (judge totals as shown, adjustments, the announced
 * score, the rank), so what is read out is exactly what is scored. Chinese first; English for
 * a host who switched the screen. Pure.
 */

import type { ContestantResult, GroupResult, JudgeTotal } from './engine.ts';
import { groupParts } from './group-parts.ts';
import type { Language } from './issues.ts';
import type { PanelRule, RoundSettings } from './model.ts';
import { parseExact } from './outliers.ts';
import { compare } from './rational.ts';
import type { AudienceVoting } from './records.ts';

const CHINESE_COUNTS = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 一个, 两个, 三个… (两 before a measure word, as it is said). */
function chineseCount(count: number): string {
  return `${CHINESE_COUNTS[count] ?? String(count)}个`;
}

function ordinal(rank: number): string {
  const tens = rank % 100;
  if (tens >= 11 && tens <= 13) return `${rank}th`;
  return `${rank}${['th', 'st', 'nd', 'rd'][rank % 10] ?? 'th'}`;
}

/** The dropped totals of one side, the most extreme first. */
function droppedTotals(result: Pick<ContestantResult, 'judgeTotals'>, side: 'high' | 'low'): string[] {
  const totals = result.judgeTotals.filter((total) => total.dropped === side);
  const byValue = (a: JudgeTotal, b: JudgeTotal) => compare(parseExact(a.total), parseExact(b.total));
  totals.sort((a, b) => (side === 'high' ? byValue(b, a) : byValue(a, b)));
  return totals.map((total) => total.shown);
}

type PanelSettings = Pick<RoundSettings, 'panel' | 'level'>;
/** What the sentence needs of the round: its panel, and with groups their own panels and rounding. */
type ReadoutSettings = PanelSettings & Partial<Pick<RoundSettings, 'groups' | 'rounding'>>;
/** What a panel's part of the sentence reads of a result: the whole panel's, or one group's. */
type PanelResult = Pick<ContestantResult, 'countedJudges' | 'effectiveK' | 'trimReduced' | 'judgeTotals'>;

function panelPartsZh(result: PanelResult, { panel, level }: PanelSettings): string[] {
  const counted = result.countedJudges;
  const k = result.effectiveK ?? 0;
  const short = result.trimReduced ? '评委人数不足，' : '';
  if (level === 'criterion') {
    switch (panel.kind) {
      case 'trimmed':
        return k > 0
          ? [`${short}各评分项分别去掉${chineseCount(k)}最高分和${chineseCount(k)}最低分`]
          : [`${short}各评分项不去掉最高分和最低分，取${counted}位评委的平均分`];
      case 'mean':
        return [`各评分项取${counted}位评委的平均分`];
      case 'median':
        return [`各评分项取${counted}位评委评分的中位数`];
      case 'weighted':
        return [`各评分项按评委权重取${counted}位评委的加权平均分`];
    }
  }
  switch (panel.kind) {
    case 'trimmed': {
      if (k === 0) return [`${short}不去掉最高分和最低分，取${counted}位评委的平均分`];
      const list = (values: string[]) => values.map((value) => `${value}分`).join('、');
      return [
        `${short}去掉${chineseCount(k)}最高分${list(droppedTotals(result, 'high'))}`,
        `去掉${chineseCount(k)}最低分${list(droppedTotals(result, 'low'))}`,
      ];
    }
    case 'mean':
      return [`取${counted}位评委的平均分`];
    case 'median':
      return [`取${counted}位评委评分的中位数`];
    case 'weighted':
      return [`按评委权重取${counted}位评委的加权平均分`];
  }
}

function panelPartsEn(result: PanelResult, { panel, level }: PanelSettings): string[] {
  const counted = result.countedJudges;
  const k = result.effectiveK ?? 0;
  const short = result.trimReduced ? 'too few judges, so ' : '';
  const scores = (count: number) => (count === 1 ? 'score' : `${count} scores`);
  if (level === 'criterion') {
    switch (panel.kind) {
      case 'trimmed':
        return k > 0
          ? [`${short}each criterion drops the highest ${scores(k)} and the lowest ${scores(k)}`]
          : [`${short}nothing dropped: each criterion takes the mean of ${counted} judges`];
      case 'mean':
        return [`each criterion takes the mean of ${counted} judges`];
      case 'median':
        return [`each criterion takes the median of ${counted} judges`];
      case 'weighted':
        return [`each criterion takes the weighted mean of ${counted} judges`];
    }
  }
  switch (panel.kind) {
    case 'trimmed':
      if (k === 0) return [`${short}nothing dropped: the mean of ${counted} judges`];
      return [
        `${short}highest ${scores(k)} ${droppedTotals(result, 'high').join(', ')} and lowest ${scores(k)} ${droppedTotals(result, 'low').join(', ')} dropped`,
      ];
    case 'mean':
      return [`the mean of ${counted} judges`];
    case 'median':
      return [`the median of ${counted} judges`];
    case 'weighted':
      return [`the weighted mean of ${counted} judges`];
  }
}

/** One group's part: 专家评委去掉一个最高分92.00分，去掉一个最低分80.00分，平均分88.35分. */
function groupPartsZh(
  group: GroupResult,
  panel: PanelRule,
  level: RoundSettings['level'],
  score: string,
  support: boolean,
): string[] {
  const { label } = group;
  if (support) return [`${label}支持率${score}`];
  const k = group.effectiveK ?? 0;
  const short = group.trimReduced ? '评委人数不足，' : '';
  if (level === 'criterion') {
    return panel.kind === 'trimmed' && k > 0
      ? [`${label}${short}各评分项分别去掉${chineseCount(k)}最高分和${chineseCount(k)}最低分，得分${score}分`]
      : [`${label}得分${score}分`];
  }
  switch (panel.kind) {
    case 'trimmed': {
      if (k === 0) return [`${label}${short}不去掉最高分和最低分，平均分${score}分`];
      const [high, low] = panelPartsZh(group, { panel, level });
      return [`${label}${high}`, low as string, `平均分${score}分`];
    }
    case 'mean':
      return [`${label}平均分${score}分`];
    case 'median':
      return [`${label}中位数${score}分`];
    case 'weighted':
      return [`${label}加权平均分${score}分`];
  }
}

function groupPartEn(
  group: GroupResult,
  panel: PanelRule,
  level: RoundSettings['level'],
  score: string,
  support: boolean,
): string {
  const { label } = group;
  if (support) return `${label}: support ${score}`;
  const k = group.effectiveK ?? 0;
  const short = group.trimReduced ? 'too few judges, so ' : '';
  if (level === 'criterion') {
    return panel.kind === 'trimmed' && k > 0
      ? `${label}: ${panelPartsEn(group, { panel, level }).join(', ')}, ${score}`
      : `${label}: ${score}`;
  }
  switch (panel.kind) {
    case 'trimmed':
      if (k === 0) return `${label}: ${short}nothing dropped, mean ${score}`;
      return `${label}: ${panelPartsEn(group, { panel, level }).join(', ')}, mean ${score}`;
    case 'mean':
      return `${label}: mean ${score}`;
    case 'median':
      return `${label}: median ${score}`;
    case 'weighted':
      return `${label}: weighted mean ${score}`;
  }
}

/** Each group's part in the language, in the round's group order; null without groups. */
function groupsParts(
  result: ContestantResult,
  settings: ReadoutSettings,
  language: Language,
  audience: Pick<AudienceVoting, 'groupId' | 'mode'> | undefined,
): string[] | null {
  const groups = result.groups;
  const shown = groupParts(result, settings.rounding ?? 'half-up', audience);
  if (!groups || !shown) return null;
  return groups.flatMap((group, at) => {
    const panel = settings.groups?.find((candidate) => candidate.id === group.id)?.panel ?? settings.panel;
    const { score, support } = shown[at] as (typeof shown)[number];
    const text = score ?? '—';
    return language === 'en'
      ? [groupPartEn(group, panel, settings.level, text, support)]
      : groupPartsZh(group, panel, settings.level, text, support);
  });
}

/** With groups, the groups still short of judges: 专家评委已有2位，需要3位. */
function shortGroups(result: ContestantResult, language: Language): string | null {
  const short = (result.groups ?? []).filter((group) => group.countedJudges < group.requiredJudges);
  if (short.length === 0) return null;
  return language === 'en'
    ? short
        .map((group) => `${group.label} ${group.countedJudges} of the ${group.requiredJudges} needed`)
        .join('; ')
    : short
        .map((group) => `${group.label}已有${group.countedJudges}位，需要${group.requiredJudges}位`)
        .join('；');
}

function withoutSign(points: string): string {
  return points.startsWith('-') ? points.slice(1) : points;
}

/**
 * What the host reads out for one contestant. A pending result (评分中) is not read out: the
 * sentence says how many judges are still needed.
 */
export function readoutSentence(
  result: ContestantResult,
  settings: ReadoutSettings,
  language: Language = 'zh-CN',
  audience?: Pick<AudienceVoting, 'groupId' | 'mode'>,
): string {
  const { countedJudges, requiredJudges, announcedScore, rank, tied } = result;
  const notComplete = result.pending || announcedScore === null || rank === null;
  const groups = notComplete ? null : groupsParts(result, settings, language, audience);
  const short = notComplete ? shortGroups(result, language) : null;
  if (language === 'en') {
    if (notComplete || announcedScore === null || rank === null) {
      if (short) return `Not complete yet: ${short} have scored.`;
      return `Not complete yet: ${countedJudges} of the ${requiredJudges} judges needed have scored.`;
    }
    const parts = groups ?? panelPartsEn(result, settings);
    for (const { label, points } of result.adjustments) {
      parts.push(
        points.startsWith('-') ? `minus ${label} ${withoutSign(points)}` : `plus ${label} ${points}`,
      );
    }
    parts.push(`the final score is ${announcedScore}`);
    parts.push(`currently ${tied ? 'tied ' : ''}${ordinal(rank)}`);
    const sentence = parts.join('; ');
    return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
  }
  if (notComplete || announcedScore === null || rank === null) {
    if (short) return `评分尚未完成：${short}。`;
    return `评分尚未完成：已有${countedJudges}位评委完成评分，需要${requiredJudges}位。`;
  }
  const parts = groups ?? panelPartsZh(result, settings);
  for (const { label, points } of result.adjustments) {
    parts.push(points.startsWith('-') ? `扣除${label}${withoutSign(points)}分` : `加上${label}${points}分`);
  }
  parts.push(`最后得分${announcedScore}分`);
  parts.push(tied ? `目前并列第${rank}名` : `目前排名第${rank}名`);
  return `${parts.join('，')}。`;
}
