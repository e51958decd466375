/**
 * The sentence the host reads out for a person's 总成绩, beside the round's readout (./readout.ts):
 * 李四：现场观摩得分80.00分 × 40% + 擂台演讲得分95.00分 × 60%，总分89.00分，总排名第1名。
 * The numbers are the combination's own texts (each stage's announced score and percent, the
 * total, the rank), so what is read out is what is ranked. Pure.
 */

import type { CombinedResult } from './combination.ts';
import type { Language } from './issues.ts';

function ordinal(rank: number): string {
  const tens = rank % 100;
  if (tens >= 11 && tens <= 13) return `${rank}th`;
  return `${rank}${['th', 'st', 'nd', 'rd'][rank % 10] ?? 'th'}`;
}

/** The readout of a ranked person; null for one pending or excluded (nothing to announce). */
export function combinedReadout(result: CombinedResult, language: Language = 'zh-CN'): string | null {
  if (result.state !== 'ranked' || result.score === null || result.rank === null) return null;
  if (language === 'en') {
    const parts = result.parts
      .map((part) => `${part.roundName} ${part.score} × ${part.percent}%`)
      .join(' + ');
    const tied = result.tied ? ' (tied)' : '';
    return `${result.name}: ${parts}, total ${result.score}, overall ${ordinal(result.rank)}${tied}.`;
  }
  const parts = result.parts
    .map((part) => `${part.roundName}得分${part.score}分 × ${part.percent}%`)
    .join(' + ');
  const rank = result.tied ? `并列第${result.rank}名` : `第${result.rank}名`;
  return `${result.name}：${parts}，总分${result.score}分，总排名${rank}。`;
}
