/**
 * The round's rules and its ties in words, for the screen and the official sheets: what the
 * panel rule did, how many decimals and how they were rounded, how ties were broken
 * (并列 / 按精确得分区分 …). Words only: every number shown comes from the engine.
 */

import { formatHundredths } from '../../domain/decimal';
import type { ContestantResult } from '../../domain/engine';
import type { Criterion, RoundSettings, TieBreakStep } from '../../domain/model';
import type { TFunction } from '../i18n/useT';
import { approximate } from './consistency';

function panelRuleText(settings: RoundSettings, t: TFunction): string {
  const { panel } = settings;
  let rule: string;
  if (panel.kind === 'trimmed') {
    rule =
      panel.k === 0
        ? t('results.rules.mean')
        : panel.k === 1
          ? t('results.rules.trimmedOne')
          : t('results.rules.trimmed', { k: panel.k });
  } else rule = t(`results.rules.${panel.kind}`);
  if (settings.level === 'criterion') {
    rule += t(
      settings.roundEachCriterion ? 'results.rules.perCriterionRounded' : 'results.rules.perCriterion',
    );
  }
  return rule;
}

function roundingText(settings: RoundSettings, t: TFunction): string {
  const mode = {
    'half-up': t('results.rules.halfUp'),
    'half-even': t('results.rules.halfEven'),
    down: t('results.rules.down'),
  }[settings.rounding];
  return t('results.rules.decimals', { decimals: settings.decimals, mode });
}

function stepText(step: TieBreakStep, criteria: readonly Criterion[], t: TFunction): string {
  if (step === 'exact') return t('results.tie.stepExact');
  if (step === 'untrimmed') return t('results.tie.stepUntrimmed');
  const id = step.slice('criterion:'.length);
  const label = criteria.find((criterion) => criterion.id === id)?.label ?? id;
  return t('results.tie.stepCriterion', { criterion: label });
}

function tieBreakText(settings: RoundSettings, criteria: readonly Criterion[], t: TFunction): string {
  if (settings.tieBreak.length === 0) return t('results.rules.tieNone');
  const steps = settings.tieBreak
    .map((step) => stepText(step, criteria, t))
    .join(t('results.list.separator'));
  return t('results.rules.tieChain', { steps });
}

function awardsText(settings: RoundSettings, t: TFunction): string | null {
  if (settings.awards.length === 0) return null;
  const tiers = settings.awards.map((tier) => {
    if ('count' in tier) return t('results.rules.awardCount', { name: tier.name, count: tier.count });
    if ('percent' in tier)
      return t('results.rules.awardPercent', { name: tier.name, percent: formatHundredths(tier.percent) });
    return t('results.rules.awardRest', { name: tier.name });
  });
  return t('results.rules.awards', { tiers: tiers.join(t('results.list.separator')) });
}

function sheetText(criteria: readonly Criterion[], t: TFunction): string {
  const parts = criteria.map((criterion) =>
    t('results.rules.criterion', { label: criterion.label, points: formatHundredths(criterion.points) }),
  );
  return t('results.rules.sheet', { criteria: parts.join(t('results.list.separator')) });
}

/** Every rule of the round in words, one sentence each: what the official sheets print. */
export function rulesInWords(
  settings: RoundSettings,
  criteria: readonly Criterion[],
  t: TFunction,
): string[] {
  const lines = [
    sheetText(criteria, t),
    t('results.rules.panel', { rule: panelRuleText(settings, t) }),
    roundingText(settings, t),
    tieBreakText(settings, criteria, t),
  ];
  if (settings.minJudges !== null) lines.push(t('results.rules.minJudges', { count: settings.minJudges }));
  const awards = awardsText(settings, t);
  if (awards) lines.push(awards);
  return lines;
}

/** An exact engine value for reading: a fraction ("2701/30") with its decimal beside it. */
function readableExact(exact: string): string {
  if (!exact.includes('/')) return exact;
  return `${approximate(exact).toFixed(4)}…（${exact}）`;
}

/**
 * Why a ranked contestant stands where it does relative to the one listed above it: nothing
 * for the first or for a lower score; the tie-break step that separated equal scores, with both
 * values; or 并列.
 */
export function placeText(
  result: ContestantResult,
  above: ContestantResult | null,
  criteria: readonly Criterion[],
  t: TFunction,
): string {
  if (result.tied) {
    const tied = t('results.tie.tied', { rank: result.rank ?? '', score: result.announcedScore ?? '' });
    return result.tieBreakKeys.length > 0 ? `${tied}${t('results.tie.tiedAfterChain')}` : tied;
  }
  const step = result.separatedBy;
  if (!above || step === null || step === 'score' || step === 'tied') return '';
  const mine = readableExact(result.tieBreakKeys.find((key) => key.step === step)?.value ?? '');
  const theirs = readableExact(above.tieBreakKeys.find((key) => key.step === step)?.value ?? '');
  return t('results.tie.separated', {
    score: result.announcedScore ?? '',
    name: above.name,
    step: stepText(step, criteria, t),
    above: theirs,
    mine,
  });
}
