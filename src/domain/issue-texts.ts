// Each issue of ./issues.ts in words, in Chinese (the default) and English: for the CLI, the
// venue server and the screens that show an issue. A module of its own because the words of
// every issue in two languages are a few kilobytes that a page checking a round (the engine, the
// live standings) does not need; the app loads them when it shows one (src/app/i18n/issue-text.ts).

export type Language = 'zh-CN' | 'en';

export const issueTemplates = {
  notAnObject: { 'zh-CN': '{path} 应为对象', en: '{path} must be an object' },
  notAList: { 'zh-CN': '{path} 应为列表', en: '{path} must be a list' },
  missingField: { 'zh-CN': '{path} 缺少必填字段', en: '{path} is required' },
  notText: { 'zh-CN': '{path} 应为文字，实际为 {value}', en: '{path} must be text, got {value}' },
  notANumber: { 'zh-CN': '{path} 不是数字：{value}', en: '{path} is not a number: {value}' },
  tooManyDecimals: {
    'zh-CN': '{path} 最多两位小数：{value}',
    en: '{path} has more than two decimals: {value}',
  },
  tooLarge: { 'zh-CN': '{path} 数值过大：{value}', en: '{path} is too large: {value}' },
  notAWholeNumber: { 'zh-CN': '{path} 应为整数：{value}', en: '{path} must be a whole number: {value}' },
  duplicateCriterionId: { 'zh-CN': '评分项编号 {id} 重复', en: 'duplicate criterion id {id}' },
  duplicateJudgeId: { 'zh-CN': '评委编号 {id} 重复', en: 'duplicate judge id {id}' },
  duplicateContestantId: { 'zh-CN': '选手编号 {id} 重复', en: 'duplicate contestant id {id}' },
  emptyId: { 'zh-CN': '{path} 的编号不能为空', en: '{path} has an empty id' },
  noCriteria: { 'zh-CN': '评分表至少需要一个评分项', en: 'the sheet needs at least one criterion' },
  maxNotPositive: {
    'zh-CN': '评分项「{criterion}」的满分必须大于 0，实际为 {value}',
    en: 'criterion {criterion}: max must be above 0, got {value}',
  },
  stepNotPositive: {
    'zh-CN': '评分项「{criterion}」的最小分值单位必须大于 0，实际为 {value}',
    en: 'criterion {criterion}: step must be above 0, got {value}',
  },
  stepDoesNotDivideMax: {
    'zh-CN': '评分项「{criterion}」的最小分值单位 {step} 不能整除满分 {max}',
    en: 'criterion {criterion}: step {step} does not divide max {max}',
  },
  pointsNotPositive: {
    'zh-CN': '评分项「{criterion}」的分值必须大于 0，实际为 {value}',
    en: 'criterion {criterion}: points must be above 0, got {value}',
  },
  sheetTooFine: {
    'zh-CN': '评分项的满分与分值组合过于复杂，无法精确计算（公分母 {value}）',
    en: 'the maxima and points of the criteria need a common denominator too large to compute exactly ({value})',
  },
  weightNotPositive: {
    'zh-CN': '评委 {judge} 的权重必须大于 0，实际为 {value}',
    en: 'judge {judge}: weight must be above 0, got {value}',
  },
  unknownStatus: {
    'zh-CN': '选手 {contestant} 的状态“{value}”无效（应为 active、withdrawn 或 disqualified）',
    en: 'contestant {contestant}: unknown status "{value}" (active, withdrawn or disqualified)',
  },
  drawInvalid: {
    'zh-CN': '选手 {contestant} 的出场顺序应为正整数，实际为 {value}',
    en: 'contestant {contestant}: draw must be a positive whole number, got {value}',
  },
  unknownJudge: {
    'zh-CN': '{path} 引用了不存在的评委 {judge}',
    en: '{path} refers to an unknown judge {judge}',
  },
  unknownContestant: {
    'zh-CN': '{path} 引用了不存在的选手 {contestant}',
    en: '{path} refers to an unknown contestant {contestant}',
  },
  unknownCriterion: {
    'zh-CN': '{path} 引用了不存在的评分项 {criterion}',
    en: '{path} refers to an unknown criterion {criterion}',
  },
  duplicateMark: {
    'zh-CN': '{judge} 给 {contestant} 的「{criterion}」打了两个分数',
    en: 'judge {judge} has two marks for contestant {contestant} on {criterion}',
  },
  markNegative: {
    'zh-CN': '{judge} 给 {contestant} 的「{criterion}」打分 {value}，不能低于 0',
    en: 'judge {judge}, contestant {contestant}, {criterion}: mark {value} is below 0',
  },
  markAboveMax: {
    'zh-CN': '{judge} 给 {contestant} 的「{criterion}」打分 {value}，超过满分 {max}',
    en: 'judge {judge}, contestant {contestant}, {criterion}: mark {value} is above the max {max}',
  },
  markOffStep: {
    'zh-CN': '{judge} 给 {contestant} 的「{criterion}」打分 {value}，不是 {step} 的整数倍',
    en: 'judge {judge}, contestant {contestant}, {criterion}: mark {value} is not a multiple of the step {step}',
  },
  markNotANumber: {
    'zh-CN': '{judge} 给 {contestant} 的「{criterion}」打分 {value}，不是最多两位小数的数字',
    en: 'judge {judge}, contestant {contestant}, {criterion}: mark {value} is not a number with at most two decimals',
  },
  markForUnknownCriterion: {
    'zh-CN': '{judge} 给 {contestant} 的「{criterion}」打分 {value}，但评分表上没有这个评分项',
    en: 'judge {judge}, contestant {contestant}: mark {value} is for {criterion}, which is not on the sheet',
  },
  markByUnknownJudge: {
    'zh-CN': '{contestant} 的「{criterion}」有一个分数 {value} 来自不在评委名单上的 {judge}',
    en: 'contestant {contestant}, {criterion}: mark {value} comes from {judge}, who is not on the panel',
  },
  markForUnknownContestant: {
    'zh-CN': '{judge} 给不在选手名单上的 {contestant} 的「{criterion}」打分 {value}',
    en: 'judge {judge} gave {value} on {criterion} to {contestant}, who is not among the contestants',
  },
  adjustmentNotANumber: {
    'zh-CN': '{contestant} 的加扣分「{label}」{value} 不是最多两位小数的数字',
    en: 'contestant {contestant}: adjustment "{label}" {value} is not a number with at most two decimals',
  },
  adjustmentForUnknownContestant: {
    'zh-CN': '加扣分「{label}」{value} 给了不在选手名单上的 {contestant}',
    en: 'adjustment "{label}" {value} is for {contestant}, who is not among the contestants',
  },
  unknownPanel: {
    'zh-CN': '评分规则“{value}”无效（应为 mean、trimmed、median 或 weighted）',
    en: 'unknown panel rule "{value}" (mean, trimmed, median or weighted)',
  },
  trimKInvalid: {
    'zh-CN': '去掉最高最低分的个数 k 应为不小于 0 的整数，实际为 {value}',
    en: 'trimmed k must be a whole number of at least 0, got {value}',
  },
  unknownLevel: {
    'zh-CN': '计算层级“{value}”无效（应为 total 或 criterion）',
    en: 'unknown level "{value}" (total or criterion)',
  },
  decimalsInvalid: {
    'zh-CN': '保留小数位数应为 0 到 4 的整数，实际为 {value}',
    en: 'decimals must be a whole number from 0 to 4, got {value}',
  },
  unknownRounding: {
    'zh-CN': '取舍方式“{value}”无效（应为 half-up、half-even 或 down）',
    en: 'unknown rounding "{value}" (half-up, half-even or down)',
  },
  roundEachCriterionNeedsCriterionLevel: {
    'zh-CN': '“各项得分先取舍再相加”只适用于按评分项计算（level = criterion）',
    en: 'roundEachCriterion needs level "criterion"',
  },
  minJudgesInvalid: {
    'zh-CN': '最少评委人数应为不小于 1 的整数，实际为 {value}',
    en: 'minJudges must be a whole number of at least 1, got {value}',
  },
  unknownTieBreak: {
    'zh-CN': '并列处理规则“{value}”无效（应为 exact、untrimmed 或 criterion:编号）',
    en: 'unknown tie-break "{value}" (exact, untrimmed or criterion:<id>)',
  },
  duplicateTieBreak: {
    'zh-CN': '并列处理规则“{value}”重复',
    en: 'tie-break "{value}" is listed twice',
  },
  awardTierInvalid: {
    'zh-CN': '奖项“{name}”须且仅须设置名额（count）、比例（percent）或“其余全部”（rest）之一',
    en: 'award tier "{name}" needs exactly one of count, percent or rest',
  },
  awardNameMissing: { 'zh-CN': '第 {index} 个奖项没有名称', en: 'award tier {index} has no name' },
  awardCountInvalid: {
    'zh-CN': '奖项“{name}”的名额应为不小于 0 的整数，实际为 {value}',
    en: 'award tier "{name}": count must be a whole number of at least 0, got {value}',
  },
  awardPercentInvalid: {
    'zh-CN': '奖项“{name}”的比例应在 0 到 100 之间，实际为 {value}',
    en: 'award tier "{name}": percent must be between 0 and 100, got {value}',
  },
  awardAfterRest: {
    'zh-CN': '奖项“{name}”排在“其余全部”之后，永远不会有人获得',
    en: 'award tier "{name}" comes after a "rest" tier and could never be given',
  },
  unknownRecusal: {
    'zh-CN': '回避规则“{value}”无效（应为 equal 或 contains）',
    en: 'unknown recusal rule "{value}" (equal or contains)',
  },
  recuseUnknownContestant: {
    'zh-CN': '{judge} 的回避名单中的 {contestant} 不在选手名单上',
    en: "judge {judge}'s recusal list names {contestant}, who is not among the contestants",
  },
  groupsEmpty: {
    'zh-CN': '评委分组不能是空列表（不分组的轮次请不要设置 groups）',
    en: 'groups is an empty list (a round without groups leaves it out)',
  },
  duplicateGroupId: { 'zh-CN': '评委组编号 {id} 重复', en: 'duplicate group id {id}' },
  groupWeightInvalid: {
    'zh-CN': '评委组「{group}」的权重应大于 0、最多两位小数，实际为 {value}',
    en: 'group {group}: weight must be above 0 with at most two decimals, got {value}',
  },
  groupCriteriaEmpty: {
    'zh-CN': '评委组「{group}」的评分项列表是空的（不写则为全部评分项）',
    en: 'group {group}: its criteria list is empty (leave it out for every criterion)',
  },
  groupCriterionUnknown: {
    'zh-CN': '评委组「{group}」的评分项 {criterion} 不在评分表上',
    en: 'group {group}: criterion {criterion} is not on the sheet',
  },
  groupCriterionRepeated: {
    'zh-CN': '评委组「{group}」的评分项 {criterion} 重复',
    en: 'group {group}: criterion {criterion} is listed twice',
  },
  criterionWithoutGroup: {
    'zh-CN': '评分项「{criterion}」没有任何评委组打分',
    en: 'criterion {criterion} is marked by no group',
  },
  groupUnknownPanel: {
    'zh-CN': '评委组「{group}」的评分规则“{value}”无效（应为 mean、trimmed、median 或 weighted）',
    en: 'group {group}: unknown panel rule "{value}" (mean, trimmed, median or weighted)',
  },
  groupTrimKInvalid: {
    'zh-CN': '评委组「{group}」去掉最高最低分的个数 k 应为不小于 0 的整数，实际为 {value}',
    en: 'group {group}: trimmed k must be a whole number of at least 0, got {value}',
  },
  groupMinJudgesInvalid: {
    'zh-CN': '评委组「{group}」的最少评委人数应为不小于 1 的整数，实际为 {value}',
    en: 'group {group}: minJudges must be a whole number of at least 1, got {value}',
  },
  minJudgesWithGroups: {
    'zh-CN': '分组评分的轮次按评委组设置最少评委人数，不能再设整轮的最少评委人数（{value}）',
    en: 'a round with groups sets minJudges per group, not for the round ({value})',
  },
  roundEachGroupWithoutGroups: {
    'zh-CN': '“每组得分先取舍”只适用于分组评分的轮次',
    en: 'roundEachGroup needs groups',
  },
  judgeWithoutGroup: {
    'zh-CN': '评委 {judge} 没有分到评委组（本轮分组评分）',
    en: 'judge {judge} has no group, and the round has groups',
  },
  judgeUnknownGroup: {
    'zh-CN': '评委 {judge} 的评委组 {group} 不是本轮的评委组',
    en: "judge {judge}: group {group} is not one of the round's groups",
  },
  judgeGroupWithoutGroups: {
    'zh-CN': '评委 {judge} 分在评委组 {group}，但本轮不分组',
    en: 'judge {judge} is in group {group}, and the round has no groups',
  },
  markOutsideGroup: {
    'zh-CN': '{judge} 给 {contestant} 的「{criterion}」打分，但这个评分项不归评委组「{group}」打分',
    en: 'judge {judge}, contestant {contestant}: {criterion} is not marked by the group {group}',
  },
  rosterEmpty: { 'zh-CN': '文件中没有数据行', en: 'the file has no data rows' },
  rosterNameColumnMissing: {
    'zh-CN': '请指定“姓名”所在的列',
    en: 'choose the column that holds the names',
  },
  rosterNameMissing: { 'zh-CN': '{path}：姓名不能为空', en: '{path}: the name is empty' },
  rosterNameTooLong: {
    'zh-CN': '{path}：姓名“{value}”超过 {max} 个字',
    en: '{path}: the name "{value}" is longer than {max} characters',
  },
  rosterDrawInvalid: {
    'zh-CN': '{path}：出场顺序“{value}”应为正整数',
    en: '{path}: the order of appearance "{value}" must be a positive whole number',
  },
  rosterDrawDuplicate: {
    'zh-CN': '{path}：出场顺序 {value} 与第 {other} 行重复',
    en: '{path}: order of appearance {value} is also on row {other}',
  },
  rosterWeightInvalid: {
    'zh-CN': '{path}：权重“{value}”应为大于 0 的数，最多两位小数',
    en: '{path}: the weight "{value}" must be a number above 0 with at most two decimals',
  },
  rosterStatusUnknown: {
    'zh-CN': '{path}：状态“{value}”无法识别（可填 参赛、弃权、取消资格）',
    en: '{path}: unknown status "{value}" (参赛/active, 弃权/withdrawn, 取消资格/disqualified)',
  },
  rosterSitesInvalid: {
    'zh-CN':
      '{path}：观摩点“{value}”无法识别（如 大泉湖村 09:30；三工镇党群服务中心，时间可不填，至多 20 个）',
    en: '{path}: the sites "{value}" cannot be read (e.g. Daquanhu 09:30; Sangong Hall, the time optional, at most 20)',
  },
  rosterDuplicateName: {
    'zh-CN': '{path}：姓名“{value}”与第 {other} 行相同，请确认不是重复录入',
    en: '{path}: the name "{value}" is also on row {other}; check it is not entered twice',
  },
  csvUnclosedQuote: {
    'zh-CN': '第 {line} 行：引号没有闭合，文件可能已损坏',
    en: 'line {line}: a quote is never closed; the file may be damaged',
  },
  csvTextAfterQuote: {
    'zh-CN': '第 {line} 行：引号后面紧跟了多余的文字',
    en: 'line {line}: text follows a closing quote',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type IssueCode = keyof typeof issueTemplates;

/** An Issue (./issues.ts) in words; by its shape, as ./issues.ts takes its types from here (no import cycle). */
export function describeIssue(
  found: { code: IssueCode; path: string; params: Record<string, string | number> },
  language: Language = 'zh-CN',
): string {
  const params: Record<string, string | number> = { path: found.path, ...found.params };
  return issueTemplates[found.code][language].replace(/\{(\w+)\}/g, (_, name: string) =>
    name in params ? String(params[name]) : `{${name}}`,
  );
}
