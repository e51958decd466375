/** The words of `leitai verify`, in Chinese (the default) and English. */
import type { Language } from '../domain/issues.ts';

const messages = {
  stdinName: { 'zh-CN': '（标准输入）', en: '(standard input)' },
  // A file that is no usable backup
  refusedForeign: {
    'zh-CN': '{file} 不是擂台赛事备份文件（应由“成绩 → 备份与恢复 → 下载备份”导出）',
    en: '{file} is not a Leitai competition backup (export one from Results → Backup and restore)',
  },
  refusedNewer: {
    'zh-CN': '{file} 是更新版本的备份（第 {version} 版），本程序只能读取第 1 版：请升级擂台后再校验',
    en: '{file} is a backup of a newer version ({version}); this program reads version 1: upgrade Leitai first',
  },
  refusedShape: {
    'zh-CN': '{file} 已损坏：{path} 处不符合备份格式（{problem}）',
    en: '{file} is damaged: {path} does not fit the backup format ({problem})',
  },
  refusedOtherCompetition: {
    'zh-CN': '{file} 已损坏：事件 {eventId} 不属于备份的赛事',
    en: '{file} is damaged: event {eventId} belongs to another competition',
  },
  refusedDuplicate: {
    'zh-CN': '{file} 已损坏：事件 {eventId} 出现了两次',
    en: '{file} is damaged: event {eventId} appears twice',
  },
  // The report
  title: { 'zh-CN': '校验备份文件：{file}', en: 'Verifying the backup {file}' },
  competition: { 'zh-CN': '赛事：{name}{where}', en: 'Competition: {name}{where}' },
  exportedAt: {
    'zh-CN': '导出时间：{time}（导出设备的时钟，仅供参考）',
    en: 'Exported at: {time} (the exporting device’s clock, for reference only)',
  },
  eventCount: {
    'zh-CN': '记录：{events} 条事件，来自 {devices} 台设备',
    en: 'Log: {events} events from {devices} devices',
  },
  chainIntact: {
    'zh-CN': '哈希链：完好（每条事件都在，未被改动，顺序正确）',
    en: 'Hash chain: intact (every event present, unchanged, in its place)',
  },
  chainBroken: {
    'zh-CN': '哈希链：损坏，发现 {count} 个问题：',
    en: 'Hash chain: BROKEN, {count} problems:',
  },
  chainLink: {
    'zh-CN': '第 {number} 条事件（{eventId}）与哈希链不符：内容被改动过',
    en: 'event {number} ({eventId}) does not match its link: it was changed',
  },
  chainOrder: {
    'zh-CN': '第 {number} 条事件（{eventId}）位置不对：事件被调换或插入',
    en: 'event {number} ({eventId}) is out of place: events were swapped or inserted',
  },
  chainGap: {
    'zh-CN': '设备 {deviceId} 缺少第 {from}–{to} 条事件：事件被删除',
    en: 'device {deviceId} lacks its events {from}–{to}: events were removed',
  },
  chainHead: {
    'zh-CN': '文件记录的链头 {expected} 与按事件计算的 {actual} 不同',
    en: 'the recorded head {expected} differs from the head of the events, {actual}',
  },
  chainUnlisted: {
    'zh-CN': '文件声称设备 {deviceId} 的第 {seq} 条事件不在备份中，但它就在其中',
    en: 'the file says event {seq} of device {deviceId} is not in the backup, but it is',
  },
  notOnDevice: {
    'zh-CN':
      '注意：导出备份的设备没有设备 {deviceId} 的第 {from}–{to} 条事件（可能尚未同步），它们不在本备份中',
    en: 'Note: the exporting device did not have events {from}–{to} of device {deviceId} (not synced yet?); they are not in this backup',
  },
  head: { 'zh-CN': '链头（校验码）：{head}', en: 'Chain head (check code): {head}' },
  headRecorded: { 'zh-CN': '文件中记录的链头：{head}', en: 'Head recorded in the file: {head}' },
  headCompare: {
    'zh-CN': '  请与签字成绩表上印的校验码逐位比对：两者必须完全相同。',
    en: '  Compare it digit by digit with the check code printed on the signed sheets: they must be identical.',
  },
  summaryMismatch: {
    'zh-CN': '摘要：文件中的赛事摘要（名称、日期、地点或轮次）与事件不符',
    en: 'Summary: the file’s competition summary (name, date, venue or rounds) differs from the events',
  },
  noRounds: { 'zh-CN': '（本赛事没有轮次）', en: '(the competition has no rounds)' },
  roundMatch: {
    'zh-CN': '轮次「{name}」：一致 —— 按原始评分重新计算的成绩与记录完全相同（{counts}）',
    en: 'Round “{name}”: MATCH — recomputed from the raw marks, the results are exactly as recorded ({counts})',
  },
  roundMismatch: {
    'zh-CN': '轮次「{name}」：不一致 —— 重新计算的成绩与记录不同：',
    en: 'Round “{name}”: MISMATCH — the recomputed results differ from the recorded ones:',
  },
  roundNotRecorded: {
    'zh-CN': '轮次「{name}」：备份中没有记录这一轮的成绩（重新计算：{counts}）',
    en: 'Round “{name}”: no results were recorded for it (recomputed: {counts})',
  },
  roundNotInEvents: {
    'zh-CN': '轮次「{name}」：记录了成绩，但事件中没有这一轮',
    en: 'Round “{name}”: results are recorded, but the events hold no such round',
  },
  roundCounts: {
    'zh-CN': '排名 {ranked} 人，评分中 {pending} 人，不参加排名 {excluded} 人',
    en: '{ranked} ranked, {pending} still being scored, {excluded} not ranked',
  },
  roundRefused: { 'zh-CN': '评分规则不允许计算：{issues}', en: 'refused by the scoring rules: {issues}' },
  recordedAs: { 'zh-CN': '记录为：{text}', en: 'recorded: {text}' },
  recomputedAs: { 'zh-CN': '重新计算为：{text}', en: 'recomputed: {text}' },
  contestantDifference: {
    'zh-CN': '{name}：记录为 {recorded}；重新计算为 {recomputed}',
    en: '{name}: recorded {recorded}; recomputed {recomputed}',
  },
  placingRanked: {
    'zh-CN': '第 {rank} 名 {score} 分（精确 {exact}），{award}，{judges} 位评委',
    en: 'rank {rank}, {score} (exact {exact}), {award}, {judges} judges',
  },
  placingPending: { 'zh-CN': '评分中（{judges} 位评委）', en: 'still being scored ({judges} judges)' },
  placingExcluded: { 'zh-CN': '不参加排名（{status}）', en: 'not ranked ({status})' },
  placingAbsent: { 'zh-CN': '没有此选手', en: 'absent' },
  noAward: { 'zh-CN': '无奖项', en: 'no award' },
  verdictVerified: {
    'zh-CN': '结论：一致。每条事件完好无损，按原始评分重新计算的成绩与记录的成绩完全相同。',
    en: 'Verdict: VERIFIED. Every event is intact, and the results recomputed from the raw marks are exactly the recorded ones.',
  },
  verdictNotVerified: {
    'zh-CN': '结论：不一致。上面列出了问题，不能确认记录的成绩。',
    en: 'Verdict: NOT VERIFIED. The problems are listed above; the recorded results cannot be confirmed.',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type VerifyKey = keyof typeof messages;

export function verifySay(
  key: VerifyKey,
  language: Language,
  params: Record<string, string | number> = {},
): string {
  return messages[key][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** `leitai verify --help`. */
export const VERIFY_HELP = `leitai verify —— 校验赛事备份 / verify a competition backup

用法 Usage:
  leitai verify <备份.json> [--lang zh-CN|en]

备份文件由“成绩 → 备份与恢复 → 下载备份”导出，包含赛事的全部事件（哈希链）、链头和导出时
记录的各轮成绩。本命令：
  1. 检查哈希链：每条事件都在、未被改动、顺序正确（改动、删除或调换事件都会被发现）；
  2. 按原始事件重新计算每一轮的成绩（与评分设备相同的计算引擎）；
  3. 与备份中记录的成绩逐一比对，并打印链头（校验码），供监督与签字成绩表上印的校验码比对。
The backup (exported from Results → Backup and restore) holds every event of the competition
as a hash chain, its head, and the results recorded at export. This command checks the chain
(a changed, removed or reordered event is detected), recomputes every round from the raw
events with the scoring engine, compares with the recorded results, and prints the chain's
head for the supervisor to compare with the check code printed on the signed sheets.

选项 Options:
  --lang zh-CN|en     报告的语言（默认 zh-CN） / language of the report (default zh-CN)
  -h, --help          显示本帮助 / show this help

退出状态 Exit status:
  0   一致：哈希链完好，每一轮重新计算的成绩与记录相同
      verified: the chain is intact and every round's recomputed results are the recorded ones
  1   不一致（报告列出问题），或文件无法读取、不是备份、已损坏、版本更新
      not verified (the report lists why), or the file cannot be read, is no backup, is
      damaged, or is of a newer version
  2   用法错误 / usage error
`;
