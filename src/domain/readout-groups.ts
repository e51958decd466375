/**
 * The readout (./readout.ts) of a round with rater groups 评委分组: each group named with its own
 * trim and score, then the adjustments, the final score and the rank:
 * 专家评委去掉一个最高分92.00分，去掉一个最低分80.00分，平均分88.35分，领导评委平均分90.50分，
 * 大众评审支持率83.3%，最后得分86.85分，目前排名第1名。
 * Apart from the one-panel readout so that the host console loads it only for such a round. Pure.
 */

import type { ContestantResult, GroupResult } from './engine.ts';
import { groupParts } from './group-parts.ts';
import type { Language } from './issues.ts';
import type { PanelRule, RoundSettings } from './model.ts';
import { chineseCount, composeReadout, panelPartsEn, panelPartsZh } from './readout.ts';
import type { AudienceVoting } from './records.ts';

/** What the sentence needs of the round: its panel and level, the groups' own panels, the rounding. */
export type GroupReadoutSettings = Pick<RoundSettings, 'panel' | 'level' | 'groups' | 'rounding'>;

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
  settings: GroupReadoutSettings,
  language: Language,
  audience: Pick<AudienceVoting, 'groupId' | 'mode'> | undefined,
): string[] | null {
  const shown = groupParts(result, settings, audience);
  if (!shown) return null;
  return shown.flatMap(({ id, score, support }) => {
    const group = result.groups?.find((candidate) => candidate.id === id) as GroupResult;
    const panel = settings.groups?.find((candidate) => candidate.id === id)?.panel ?? settings.panel;
    const text = score ?? '—';
    return language === 'en'
      ? [groupPartEn(group, panel, settings.level, text, support)]
      : groupPartsZh(group, panel, settings.level, text, support);
  });
}

/** With groups, the groups still short of judges: 专家评委已有2位，需要3位. */
function shortGroups(
  result: ContestantResult,
  settings: GroupReadoutSettings,
  language: Language,
): string | null {
  const place = (id: string) => settings.groups?.findIndex((group) => group.id === id) ?? -1;
  const short = (result.groups ?? [])
    .filter((group) => group.countedJudges < group.requiredJudges)
    .sort((a, b) => place(a.id) - place(b.id));
  if (short.length === 0) return null;
  return language === 'en'
    ? short
        .map((group) => `${group.label} ${group.countedJudges} of the ${group.requiredJudges} needed`)
        .join('; ')
    : short
        .map((group) => `${group.label}已有${group.countedJudges}位，需要${group.requiredJudges}位`)
        .join('；');
}

/**
 * What the host reads out for one contestant of a round with groups; a result without groups
 * reads as ./readout.ts reads it.
 */
export function groupReadoutSentence(
  result: ContestantResult,
  settings: GroupReadoutSettings,
  language: Language = 'zh-CN',
  audience?: Pick<AudienceVoting, 'groupId' | 'mode'>,
  allSigned = false,
): string {
  return composeReadout(
    result,
    language,
    (inLanguage) =>
      groupsParts(result, settings, inLanguage, audience) ??
      (inLanguage === 'en' ? panelPartsEn(result, settings) : panelPartsZh(result, settings)),
    shortGroups(result, settings, language),
    allSigned,
  );
}
