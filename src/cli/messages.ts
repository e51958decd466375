/**
 * The command line's own words, in Chinese (the default) and English: its one catalogue. The
 * round's issues come from the engine's catalogue (describeIssue); these are the rest: file and
 * JSON errors, usage errors, the table's headings and notes, `leitai verify`'s report, and the
 * help texts. TypeScript checks that both languages of a message have the same placeholders and
 * that say() is given exactly those.
 */
import type { Language } from '../domain/issues.ts';

const messages = checked({
  // Reading the file
  fileNotFound: { 'zh-CN': '找不到文件 {file}', en: 'no such file: {file}' },
  fileIsDirectory: { 'zh-CN': '{file} 是一个文件夹，不是文件', en: '{file} is a directory, not a file' },
  fileNotReadable: { 'zh-CN': '没有权限读取文件 {file}', en: 'permission denied: {file}' },
  fileReadFailed: { 'zh-CN': '无法读取文件 {file}：{reason}', en: 'cannot read {file}: {reason}' },
  fileNotUtf8: {
    'zh-CN': '{file} 不是 UTF-8 编码的文本（可能是 GBK）：请另存为 UTF-8 后重试',
    en: '{file} is not UTF-8 text (GBK, perhaps?): save it as UTF-8 and try again',
  },
  jsonInvalidAt: {
    'zh-CN': '{file} 不是有效的 JSON（第 {line} 行第 {column} 列）：{reason}',
    en: '{file} is not valid JSON (line {line}, column {column}): {reason}',
  },
  jsonInvalid: { 'zh-CN': '{file} 不是有效的 JSON：{reason}', en: '{file} is not valid JSON: {reason}' },
  jsonEmpty: { 'zh-CN': '{file} 是空文件', en: '{file} is empty' },
  roundRejected: {
    'zh-CN': '{file} 不符合评分规则，整轮不予计算（{count} 个问题）：',
    en: '{file} breaks the scoring rules and is refused whole ({count} issues):',
  },
  issueAt: { 'zh-CN': '{issue}（位置：{path}）', en: '{issue} (at {path})' },
  internalError: {
    'zh-CN': '内部错误（请把这条信息和文件发给开发者）：{reason}',
    en: 'internal error (please send this message and the file to the developers): {reason}',
  },
  // Usage
  unknownCommand: { 'zh-CN': '未知命令：{value}', en: 'unknown command: {value}' },
  unknownOption: { 'zh-CN': '未知选项：{value}', en: 'unknown option: {value}' },
  missingFile: { 'zh-CN': '缺少要计算的文件', en: 'missing the FILE to score' },
  missingBackup: { 'zh-CN': '缺少要校验的备份文件', en: 'missing the BACKUP file to verify' },
  extraArgument: { 'zh-CN': '多余的参数：{value}', en: 'unexpected argument: {value}' },
  missingLanguage: {
    'zh-CN': '--lang 需要一个语言：zh-CN 或 en',
    en: '--lang needs a language: zh-CN or en',
  },
  unknownLanguage: {
    'zh-CN': '不支持的语言：{value}（应为 zh-CN 或 en）',
    en: 'unsupported language: {value} (zh-CN or en)',
  },
  optionTakesNoValue: { 'zh-CN': '选项 {value} 不带参数', en: 'option {value} takes no value' },
  seeHelp: { 'zh-CN': '运行 leitai {topic}--help 查看用法', en: 'run leitai {topic}--help for usage' },
  stdinName: { 'zh-CN': '（标准输入）', en: '(standard input)' },
  // The table
  headingRank: { 'zh-CN': '名次', en: 'Rank' },
  headingId: { 'zh-CN': '编号', en: 'ID' },
  headingName: { 'zh-CN': '姓名', en: 'Name' },
  headingUnit: { 'zh-CN': '单位', en: 'Unit' },
  headingScore: { 'zh-CN': '最后得分', en: 'Score' },
  headingExact: { 'zh-CN': '精确得分', en: 'Exact' },
  headingJudges: { 'zh-CN': '计分评委', en: 'Judges' },
  headingAward: { 'zh-CN': '奖项', en: 'Award' },
  headingNote: { 'zh-CN': '并列/区分', en: 'Tie / separated by' },
  sectionPending: { 'zh-CN': '评分中（{count} 人）', en: 'Still being scored ({count})' },
  sectionExcluded: { 'zh-CN': '不参加排名（{count} 人）', en: 'Not ranked ({count})' },
  progress: { 'zh-CN': '{counted}/{required} 位评委', en: '{counted}/{required} judges' },
  noRanked: { 'zh-CN': '（还没有评分完成的选手）', en: '(no contestant is completely scored yet)' },
  tied: { 'zh-CN': '并列', en: 'tied' },
  separatedBy: { 'zh-CN': '按{step}区分', en: 'by {step}' },
  separatedAndTied: { 'zh-CN': '按{step}区分，并列', en: 'by {step}; tied' },
  stepExact: { 'zh-CN': '精确得分', en: 'exact score' },
  stepUntrimmed: { 'zh-CN': '不去分平均', en: 'untrimmed mean' },
  stepCriterion: { 'zh-CN': '单项「{criterion}」', en: 'criterion “{criterion}”' },
  statusWithdrawn: { 'zh-CN': '退赛', en: 'withdrawn' },
  statusDisqualified: { 'zh-CN': '取消资格', en: 'disqualified' },
  // leitai verify
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
  // leitai verify: the judges' signatures (src/domain/signing-checks.ts)
  signaturesTitle: { 'zh-CN': '评委签名：', en: 'Judges’ signatures:' },
  signaturesNone: {
    'zh-CN': '备份中没有评委签名密钥，也没有签名的评分表（启用签名之前的记录）：未核对签名。',
    en: 'The backup holds no judge’s signing key and no signed sheet (a log from before signing): signatures not checked.',
  },
  signatureKey: {
    'zh-CN': '  {judge}：密钥 {fingerprint}（设备 {device}）{state}',
    en: '  {judge}: key {fingerprint} (device {device}){state}',
  },
  keyRetired: { 'zh-CN': '，已停用', en: ', retired' },
  keyNotByJudge: {
    'zh-CN': '，未经服务器登记：不是该评委的平板登记的',
    en: ', NOT registered through the server: not registered by the judge’s own tablet',
  },
  keyOtherDevice: {
    'zh-CN': '，未经服务器登记：登记它的设备不是密钥所属的设备',
    en: ', NOT registered through the server: registered by another device than its own',
  },
  keyWrongFingerprint: {
    'zh-CN': '，未经服务器登记：指纹与密钥不符',
    en: ', NOT registered through the server: its fingerprint is not the key’s',
  },
  badSignature: {
    'zh-CN': '  签名不成立：{judge} 对 {contestant} 的评分表（第 {revision} 版）：{why}',
    en: '  Signature does not hold: {judge}’s sheet for {contestant} (version {revision}): {why}',
  },
  signedSheets: {
    'zh-CN': '轮次「{name}」：{signed}/{submitted} 份评分表已签名',
    en: 'Round “{name}”: {signed}/{submitted} sheets signed',
  },
  uncoveredMark: {
    'zh-CN': '  没有有效签名的分数：{judge} 给 {contestant} 的「{criterion}」{value} 分（{why}）',
    en: '  Mark no valid signature covers: {judge} gave {contestant} {value} on “{criterion}” ({why})',
  },
  whyNotSubmitted: { 'zh-CN': '评分表未提交', en: 'the sheet is not submitted' },
  whyUnsigned: { 'zh-CN': '评分表提交时没有签名', en: 'the sheet was submitted unsigned' },
  whyChanged: { 'zh-CN': '签名时为 {signed} 分', en: '{signed} when signed' },
  whyNotInSignature: { 'zh-CN': '签名中没有这一项', en: 'not in the signature' },
  whyInvalid: { 'zh-CN': '签名无效', en: 'the signature is invalid' },
  whyUnknownKey: { 'zh-CN': '签名所用的密钥没有登记', en: 'signed with a key never registered' },
  whyIrregularKey: {
    'zh-CN': '签名所用的密钥未经服务器登记',
    en: 'signed with a key not registered through the server',
  },
  allMarksSigned: {
    'zh-CN': '所有计入成绩的分数都有评委的有效签名。',
    en: 'Every counted mark is covered by its judge’s valid signature.',
  },
  signedStands: {
    'zh-CN': '  只按已签名的分数重新计算：与公布的成绩一致。',
    en: '  Recomputed from the signed marks alone: the announced results stand.',
  },
  signedDoesNotStand: {
    'zh-CN': '  只按已签名的分数重新计算：与公布的成绩不一致，公布的成绩不成立：',
    en: '  Recomputed from the signed marks alone: the announced results DO NOT STAND:',
  },
  signedDifference: {
    'zh-CN': '  {name}：公布为 {recorded}；按签名分数为 {recomputed}',
    en: '  {name}: announced {recorded}; by the signed marks {recomputed}',
  },
  verdictVerified: {
    'zh-CN': '结论：一致。每条事件完好无损，按原始评分重新计算的成绩与记录的成绩完全相同。',
    en: 'Verdict: VERIFIED. Every event is intact, and the results recomputed from the raw marks are exactly the recorded ones.',
  },
  verdictNotVerified: {
    'zh-CN': '结论：不一致。上面列出了问题，不能确认记录的成绩。',
    en: 'Verdict: NOT VERIFIED. The problems are listed above; the recorded results cannot be confirmed.',
  },
  // leitai season
  missingBackups: { 'zh-CN': '缺少赛事备份文件', en: 'missing the BACKUP files' },
  missingPeriod: {
    'zh-CN': '缺少 --period：月份 2026-11、季度 2026-Q4 或年份 2026',
    en: 'missing --period: a month 2026-11, a quarter 2026-Q4 or a year 2026',
  },
  periodInvalid: {
    'zh-CN': '时段“{value}”无效：应为月份 2026-11、季度 2026-Q4 或年份 2026',
    en: 'the period "{value}" is invalid: a month 2026-11, a quarter 2026-Q4 or a year 2026',
  },
  optionNeedsValue: { 'zh-CN': '选项 {value} 需要一个值', en: 'option {value} needs a value' },
  seasonRefused: {
    'zh-CN': '无法生成积分排名（{count} 个问题），没有计入任何积分：',
    en: 'cannot build the standings ({count} problems); no points were posted:',
  },
  pointsTableRefused: {
    'zh-CN': '积分表 {file} 有误（{count} 个问题）：',
    en: 'the points table {file} is wrong ({count} problems):',
  },
  seasonTitle: {
    'zh-CN': '积分排名 {period}（{competitions} 项赛事，{rounds} 轮已定稿并计分）',
    en: 'Standings {period} ({competitions} competitions, {rounds} final rounds posted)',
  },
  seasonNoEntries: { 'zh-CN': '（该时段没有积分记录）', en: '(no points in this period)' },
  seasonProvisional: {
    'zh-CN': '未计入（成绩尚未定稿）：{competition} · {round}',
    en: 'Not posted (results not final yet): {competition} · {round}',
  },
  headingPoints: { 'zh-CN': '积分', en: 'Points' },
  headingCompetitionPoints: { 'zh-CN': '赛事积分', en: 'From competitions' },
  headingLatest: { 'zh-CN': '最近记录', en: 'Latest entry' },
  headingEntries: { 'zh-CN': '条目', en: 'Entries' },
  stepCompetitionPoints: { 'zh-CN': '赛事积分', en: 'points from competitions' },
  stepLatestEntry: { 'zh-CN': '最近记录', en: 'the most recent entry' },
});

export type MessageKey = keyof typeof messages;

type Placeholders<Text> = Text extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** A message whose languages' placeholders differ is turned into a type error. */
type PlaceholdersAgree<Table> = {
  [Key in keyof Table]: Table[Key] extends Record<Language, string>
    ? Same<Placeholders<Table[Key]['zh-CN']>, Placeholders<Table[Key]['en']>> extends true
      ? Table[Key]
      : { placeholders: Placeholders<Table[Key]['zh-CN']> }
    : never;
};

function checked<const Table extends Record<string, Record<Language, string>>>(
  table: Table & NoInfer<PlaceholdersAgree<Table>>,
) {
  return table;
}

/** The parameters a message takes, by its placeholders: none to write when it has none. */
type ParamsOf<Key extends MessageKey> = [Placeholders<(typeof messages)[Key]['zh-CN']>] extends [never]
  ? []
  : [params: Record<Placeholders<(typeof messages)[Key]['zh-CN']>, string | number>];

/** `say('fileNotFound', language, { file })`: a message in the language, its placeholders filled. */
export function say<Key extends MessageKey>(key: Key, language: Language, ...params: ParamsOf<Key>): string {
  const values: Record<string, string | number> = params[0] ?? {};
  return messages[key][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** `leitai --help`: Chinese, with the English beside it. */
export const MAIN_HELP = `leitai —— 擂台评分命令行 / Leitai scoring on the command line

用法 Usage:
  leitai score <文件.json> [--table] [--lang zh-CN|en]
  leitai verify <备份.json> [--lang zh-CN|en]
  leitai season <备份.json>… --period 2026-11 [--table 积分表.json] [--json] [--lang zh-CN|en]
  leitai --help
  leitai score --help
  leitai verify --help
  leitai season --help

命令 Commands:
  score <文件.json>    读取一轮比赛（交换格式），计算并输出排名
                       read one round in the interchange format and print its standings
  verify <备份.json>   校验赛事备份：检查哈希链，按原始评分重新计算每一轮，与记录的成绩比对
                       verify a competition backup: check the hash chain, recompute every
                       round from the raw marks and compare with the recorded results
  season <备份.json>…  由多项赛事的备份生成积分（积分制）并输出某一时段的积分排名
                       build the season's points from competitions' backups and print the
                       standings of a month, quarter or year

运行 leitai score --help、leitai verify --help 或 leitai season --help 查看选项和退出状态。
Run leitai score --help, leitai verify --help or leitai season --help for the options and exit status.
`;

/** `leitai score --help`. */
export const SCORE_HELP = `leitai score —— 计算一轮比赛的排名 / compute the standings of one round

用法 Usage:
  leitai score <文件.json> [--table] [--lang zh-CN|en]
  leitai score - ...          从标准输入读取 / read the round from standard input

文件是评分规则中“交换格式”的一轮比赛（评分项、评委、选手、分数、加扣分和规则设置），
默认输出 JSON 排名：standings[]（名次、编号、最后得分、奖项、计分评委数，以及精确得分、
并列和区分依据）、pending[]（评分中）和 excluded[]（退赛或取消资格）。
分组评分（groups[]，评委的 group，roundEachGroup）时，每位选手另有 groups[]：各评委组的
得分、在最后得分中所占的分数（contribution）和计分评委数。
FILE is one round in the interchange format of the scoring rules; by default the standings
are printed as JSON: standings[], pending[] and excluded[]. With rater groups (groups[],
judges' group, roundEachGroup) each contestant also lists groups[]: each group's score, its
contribution to the final and its counted judges.

选项 Options:
  --table             输出便于阅读的表格，而不是 JSON
                      print a readable table instead of JSON
  --lang zh-CN|en     消息和表头的语言（默认 zh-CN）
                      language of the messages and table headings (default zh-CN)
  -h, --help          显示本帮助 / show this help

退出状态 Exit status:
  0   成功 / success
  1   文件无法读取、不是有效的 JSON，或不符合评分规则（整轮不予计算，原因逐条写在标准错误）
      the file cannot be read, is not valid JSON, or breaks a scoring rule (the round is
      refused whole; each reason is printed on standard error)
  2   用法错误 / usage error
`;

/** `leitai verify --help`. */
export const VERIFY_HELP = `leitai verify —— 校验赛事备份 / verify a competition backup

用法 Usage:
  leitai verify <备份.json> [--lang zh-CN|en]

备份文件由“成绩 → 备份与恢复 → 下载备份”导出，包含赛事的全部事件（哈希链）、链头和导出时
记录的各轮成绩。本命令：
  1. 检查哈希链：每条事件都在、未被改动、顺序正确（改动、删除或调换事件都会被发现）；
  2. 按原始事件重新计算每一轮的成绩（与评分设备相同的计算引擎）；
  3. 与备份中记录的成绩逐一比对，并打印链头（校验码），供监督与签字成绩表上印的校验码比对；
  4. 用登记的评委密钥核对每份评分表的签名，列出没有有效签名的分数和未经服务器登记的密钥，
     并只按已签名的分数重新计算，说明公布的成绩是否成立。
The backup (exported from Results → Backup and restore) holds every event of the competition
as a hash chain, its head, and the results recorded at export. This command checks the chain
(a changed, removed or reordered event is detected), recomputes every round from the raw
events with the scoring engine, compares with the recorded results, and prints the chain's
head for the supervisor to compare with the check code printed on the signed sheets. It checks
every judge's signature against the keys registered in the log, lists every counted mark no
valid signature covers and every key not registered through the server, and recomputes the
standings from the signed marks alone to say whether the announced results stand.

选项 Options:
  --lang zh-CN|en     报告的语言（默认 zh-CN） / language of the report (default zh-CN)
  -h, --help          显示本帮助 / show this help

退出状态 Exit status:
  0   一致：哈希链完好，每一轮重新计算的成绩与记录相同，（有签名时）每个分数都有有效签名
      verified: the chain is intact, every round's recomputed results are the recorded ones and
      (where sheets are signed) every counted mark is validly signed
  1   不一致（报告列出问题），或文件无法读取、不是备份、已损坏、版本更新
      not verified (the report lists why), or the file cannot be read, is no backup, is
      damaged, or is of a newer version
  2   用法错误 / usage error
`;

/** `leitai season --help`. */
export const SEASON_HELP = `leitai season —— 积分制：由赛事备份生成积分排名 / the season's standings from backups

用法 Usage:
  leitai season <备份.json>… --period <时段> [--table <积分表.json>] [--json] [--lang zh-CN|en]

读取一项或多项赛事的备份（可来自不同电脑），逐一校验（与 leitai verify 相同：哈希链完好、
按原始评分重新计算的成绩与记录相同），同一赛事的多份备份按事件合并；每一轮已定稿的成绩
（结束本轮，或全部选手已公布）按积分表记入积分，再输出该时段每人的积分排名：按总积分，
并列时依次比较赛事积分、最近一条记录的日期，仍相同为并列。同一备份导入两次不改变结果。
Reads the backups of one or more competitions (from any laptops), verifies each as leitai
verify does, merges backups of one competition by their events, posts every final round by the
points table, and prints each person's points in the period, ranked by the total, then the
points from competitions, then the most recent entry. Importing a backup twice changes nothing.

选项 Options:
  --period 时段       月份 2026-11、季度 2026-Q4 或年份 2026（必填，按赛事日期计入）
                      a month 2026-11, a quarter 2026-Q4 or a year 2026 (required; points
                      count on the competition's date)
  --table 积分表.json  积分表，按名次 {"by":"placing","points":{"1":10,"2":8}} 或按奖项
                      {"by":"award","points":{"一等奖":10}}；默认按名次：10、8、6、5、4、3、2、1
                      the points table, per placing or per award tier; by default per
                      placing: 10, 8, 6, 5, 4, 3, 2, 1 for the first eight
  --json              输出 JSON，而不是表格 / print JSON instead of a table
  --lang zh-CN|en     语言（默认 zh-CN） / language (default zh-CN)
  -h, --help          显示本帮助 / show this help

退出状态 Exit status:
  0   成功 / success
  1   文件无法读取、不是备份、未通过校验、赛事没有日期，或积分表有误（不计入任何积分）
      a file cannot be read, is no backup or does not verify, a competition has no date, or
      the points table is wrong (nothing is posted)
  2   用法错误（包括无效的时段） / usage error (an invalid period included)
`;
