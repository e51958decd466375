/**
 * The sentence the host reads out on 公布, made from the engine's result for the contestant:
 * 去掉一个最高分94.50分，去掉一个最低分83.00分，扣除超时扣分0.5分，最后得分88.25分，目前排名第4名。
 * (With rater groups, ./readout-groups.ts names each group; the host console loads it on demand.)
 * The numbers are the engine's own texts (judge totals as shown, adjustments, the announced
 * score, the rank), so what is read out is exactly what is scored. Chinese first; English for
 * a host who switched the screen. Pure.
 */

import type { ContestantResult, JudgeTotal } from './engine.ts';
import type { Language } from './issues.ts';
import type { RoundSettings } from './model.ts';
import { parseExact } from './outliers.ts';
import { compare } from './rational.ts';

const CHINESE_COUNTS = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 一个, 两个, 三个… (两 before a measure word, as it is said). */
export function chineseCount(count: number): string {
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

export type PanelSettings = Pick<RoundSettings, 'panel' | 'level'>;
/** What a panel's part of the sentence reads of a result: the whole panel's, or one group's. */
type PanelResult = Pick<ContestantResult, 'countedJudges' | 'effectiveK' | 'trimReduced' | 'judgeTotals'>;

export function panelPartsZh(result: PanelResult, { panel, level }: PanelSettings): string[] {
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

export function panelPartsEn(result: PanelResult, { panel, level }: PanelSettings): string[] {
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

function withoutSign(points: string): string {
  return points.startsWith('-') ? points.slice(1) : points;
}

/**
 * What the host reads out for one contestant. A pending result (评分中) is not read out: the
 * sentence says how many judges are still needed.
 */
export function readoutSentence(
  result: ContestantResult,
  settings: PanelSettings,
  language: Language = 'zh-CN',
  allSigned = false,
): string {
  return composeReadout(
    result,
    language,
    (inLanguage) => (inLanguage === 'en' ? panelPartsEn(result, settings) : panelPartsZh(result, settings)),
    null,
    allSigned,
  );
}

/**
 * The sentence around how the score was reached (`parts`): the adjustments, the final score and
 * the rank; or, while pending, who is still needed (`short`, or the judges counted). With
 * `allSigned` (the reveal found every counted sheet validly signed: RevealChecks.allSigned), a
 * complete result ends with 评委签名齐全; a pending one is not read out, so never says it.
 */
export function composeReadout(
  result: ContestantResult,
  language: Language,
  parts: (language: Language) => string[],
  short: string | null,
  allSigned = false,
): string {
  const { countedJudges, requiredJudges, announcedScore, rank, tied } = result;
  if (language === 'en') {
    if (result.pending || announcedScore === null || rank === null) {
      if (short) return `Not complete yet: ${short} have scored.`;
      return `Not complete yet: ${countedJudges} of the ${requiredJudges} judges needed have scored.`;
    }
    const said = parts(language);
    for (const { label, points } of result.adjustments) {
      said.push(points.startsWith('-') ? `minus ${label} ${withoutSign(points)}` : `plus ${label} ${points}`);
    }
    said.push(`the final score is ${announcedScore}`);
    said.push(`currently ${tied ? 'tied ' : ''}${ordinal(rank)}`);
    const sentence = said.join('; ');
    const signed = allSigned ? ' All judges’ sheets are signed.' : '';
    return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.${signed}`;
  }
  if (result.pending || announcedScore === null || rank === null) {
    if (short) return `评分尚未完成：${short}。`;
    return `评分尚未完成：已有${countedJudges}位评委完成评分，需要${requiredJudges}位。`;
  }
  const said = parts(language);
  for (const { label, points } of result.adjustments) {
    said.push(points.startsWith('-') ? `扣除${label}${withoutSign(points)}分` : `加上${label}${points}分`);
  }
  said.push(`最后得分${announcedScore}分`);
  said.push(tied ? `目前并列第${rank}名` : `目前排名第${rank}名`);
  return `${said.join('，')}。${allSigned ? '评委签名齐全。' : ''}`;
}
