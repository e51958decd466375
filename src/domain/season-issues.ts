/**
 * What can be wrong with a season's ledger, its points table, a period or an import of backups
 * (./season.ts, ./season-import.ts), named precisely, in Chinese (default) and English.
 */
import type { Language } from './issues.ts';

const templates = {
  memberRepeated: { 'zh-CN': '成员编号 {member} 重复', en: 'member id {member} is listed twice' },
  entryIdEmpty: { 'zh-CN': '{path} 的编号不能为空', en: '{path} has an empty id' },
  entryIdTaken: {
    'zh-CN': '积分条目 {entry} 已存在且内容不同：条目一经记入不能修改，请录入一条更正',
    en: 'entry {entry} already exists with other contents: entries are never changed, enter a correction',
  },
  entryDateInvalid: {
    'zh-CN': '积分条目 {entry} 的日期“{value}”不是有效的 YYYY-MM-DD 日期',
    en: 'entry {entry}: the date "{value}" is not a valid YYYY-MM-DD date',
  },
  entryMemberUnknown: {
    'zh-CN': '积分条目 {entry} 的成员 {member} 不在本积分周期的成员名单上',
    en: 'entry {entry}: member {member} is not a member of the season',
  },
  entryPointsInvalid: {
    'zh-CN': '积分条目 {entry} 的分值 {value} 不是最多两位小数的数',
    en: 'entry {entry}: the points {value} are not a number with at most two decimals',
  },
  entryItemEmpty: { 'zh-CN': '积分条目 {entry} 没有事项名称', en: 'entry {entry} has no item' },
  entryReasonEmpty: {
    'zh-CN': '手工录入的积分条目 {entry} 必须写明理由',
    en: 'entry {entry} is entered by hand and needs a reason',
  },
  entrySourceInvalid: {
    'zh-CN': '积分条目 {entry} 的来源须为赛事名次、赛事奖项或手工录入之一',
    en: 'entry {entry}: the source must be a competition placing, a competition award or a manual entry',
  },
  correctionTargetUnknown: {
    'zh-CN': '更正条目 {entry} 所更正的条目 {target} 不存在',
    en: 'correction {entry} cites entry {target}, which does not exist',
  },
  correctionTargetCorrected: {
    'zh-CN': '条目 {target} 已被 {by} 更正，更正条目 {entry} 应更正 {by}',
    en: 'entry {target} is already corrected by {by}: correction {entry} should correct {by}',
  },
  correctionOtherMember: {
    'zh-CN': '更正条目 {entry} 与被更正的条目 {target} 不是同一成员',
    en: 'correction {entry} is for another member than the entry {target} it corrects',
  },
  correctionNotManual: {
    'zh-CN': '更正条目 {entry} 必须是手工录入并写明理由',
    en: 'correction {entry} must be entered by hand, with its reason',
  },
  correctionBeforeTarget: {
    'zh-CN': '更正条目 {entry} 的日期早于被更正的条目 {target}',
    en: 'correction {entry} is dated before the entry {target} it corrects',
  },
  correctionCycle: {
    'zh-CN': '更正条目 {entry} 形成了循环更正',
    en: 'correction {entry} is part of a cycle of corrections',
  },
  tableEmpty: {
    'zh-CN': '积分表至少需要一行（名次或奖项对应的分值）',
    en: 'the points table needs at least one row (points per placing or award)',
  },
  tableKindInvalid: {
    'zh-CN': '积分表的依据“{value}”无效（应为 placing 按名次或 award 按奖项）',
    en: 'unknown basis "{value}" of the points table (placing or award)',
  },
  tableRankInvalid: {
    'zh-CN': '积分表中的名次“{value}”应为正整数',
    en: 'the points table lists the placing "{value}", which is not a positive whole number',
  },
  tableAwardEmpty: {
    'zh-CN': '积分表中有一行没有奖项名称',
    en: 'a row of the points table has no award name',
  },
  tableRepeated: {
    'zh-CN': '积分表中“{value}”出现了两次',
    en: 'the points table lists "{value}" twice',
  },
  tablePointsInvalid: {
    'zh-CN': '积分表中“{value}”的分值 {points} 不是最多两位小数的数',
    en: 'the points table: the points {points} of "{value}" are not a number with at most two decimals',
  },
  periodInvalid: {
    'zh-CN': '时段“{value}”无效：应为月份 2026-11、季度 2026-Q4 或年份 2026',
    en: 'the period "{value}" is invalid: a month 2026-11, a quarter 2026-Q4 or a year 2026',
  },
  backupNotBackup: {
    'zh-CN': '{file}：不是擂台赛事备份文件',
    en: '{file}: not a Leitai competition backup',
  },
  backupNewer: {
    'zh-CN': '{file}：是更新版本的备份（第 {version} 版），请升级擂台',
    en: '{file}: a backup of a newer version ({version}); upgrade Leitai',
  },
  backupDamaged: {
    'zh-CN': '{file}：已损坏（{problem}），未通过校验',
    en: '{file}: damaged ({problem}); it does not verify',
  },
  backupNotVerified: {
    'zh-CN': '{file}：未通过校验（{problem}），请先用 leitai verify 检查',
    en: '{file}: does not verify ({problem}); check it with leitai verify',
  },
  backupEventConflict: {
    'zh-CN': '{file}：事件 {eventId} 与另一份备份中的同一事件内容不同',
    en: '{file}: event {eventId} differs from the same event in another backup',
  },
  competitionUndated: {
    'zh-CN': '{file}：赛事“{competition}”没有日期，无法记入积分（请在赛事设置中填写日期后重新导出）',
    en: '{file}: the competition "{competition}" has no date, so its points cannot be dated (set its date and export again)',
  },
  venueCompetitionUndated: {
    'zh-CN': '{venue}：赛事“{competition}”没有日期，其成绩暂不记入积分（在赛事设置中填写日期后自动记入）',
    en: '{venue}: the competition "{competition}" has no date, so its results are not in the season (they are once its date is set)',
  },
  entryNotCounted: {
    'zh-CN': '手工录入的条目 {entry} 暂不计入：它所更正的条目 {target} 已变化或不在积分账中',
    en: 'the entry {entry} entered by hand does not count: the entry {target} it corrects changed or is no longer in the ledger',
  },
  roundRefusedByEngine: {
    'zh-CN': '{file}：轮次“{round}”已定稿，但评分规则不允许计算它的成绩',
    en: '{file}: the round "{round}" is final, but the scoring rules refuse to compute it',
  },
} as const;

export type SeasonIssueCode = keyof typeof templates;

export interface SeasonIssue {
  code: SeasonIssueCode;
  /** Where: "entries[3].date", "table.points[1]", "backups[0]". */
  path: string;
  params: Record<string, string | number>;
}

export function seasonIssue(
  code: SeasonIssueCode,
  path: string,
  params: Record<string, string | number> = {},
): SeasonIssue {
  return { code, path, params };
}

export function describeSeasonIssue(found: SeasonIssue, language: Language = 'zh-CN'): string {
  const params: Record<string, string | number> = { path: found.path, ...found.params };
  return templates[found.code][language].replace(/\{(\w+)\}/g, (_, name: string) =>
    name in params ? String(params[name]) : `{${name}}`,
  );
}

/** Thrown when a ledger change, a table, a period or an import breaks a rule: nothing changes. */
export class SeasonRejectedError extends Error {
  constructor(readonly issues: readonly SeasonIssue[]) {
    super(issues.map((found) => describeSeasonIssue(found)).join('\n'));
    this.name = 'SeasonRejectedError';
  }
}
