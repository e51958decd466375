/**
 * The command line's own words, in Chinese (the default) and English. The round's issues come
 * from the engine's catalogue (describeIssue); these are the rest: file and JSON errors, usage
 * errors, the table's headings and notes, and the help text.
 */
import type { Language } from '../domain/issues.ts';

const messages = {
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
} as const satisfies Record<string, Record<Language, string>>;

export type MessageKey = keyof typeof messages;

export function say(
  key: MessageKey,
  language: Language,
  params: Record<string, string | number> = {},
): string {
  return messages[key][language].replace(/\{(\w+)\}/g, (_, name: string) =>
    name in params ? String(params[name]) : `{${name}}`,
  );
}

/** `leitai --help`: Chinese, with the English beside it. */
export const MAIN_HELP = `leitai —— 擂台评分命令行 / Leitai scoring on the command line

用法 Usage:
  leitai score <文件.json> [--table] [--lang zh-CN|en]
  leitai verify <备份.json> [--lang zh-CN|en]
  leitai --help
  leitai score --help
  leitai verify --help

命令 Commands:
  score <文件.json>    读取一轮比赛（交换格式），计算并输出排名
                       read one round in the interchange format and print its standings
  verify <备份.json>   校验赛事备份：检查哈希链，按原始评分重新计算每一轮，与记录的成绩比对
                       verify a competition backup: check the hash chain, recompute every
                       round from the raw marks and compare with the recorded results

运行 leitai score --help 或 leitai verify --help 查看选项和退出状态。
Run leitai score --help or leitai verify --help for the options and exit status.
`;

/** `leitai score --help`. */
export const SCORE_HELP = `leitai score —— 计算一轮比赛的排名 / compute the standings of one round

用法 Usage:
  leitai score <文件.json> [--table] [--lang zh-CN|en]
  leitai score - ...          从标准输入读取 / read the round from standard input

文件是评分规则中“交换格式”的一轮比赛（评分项、评委、选手、分数、加扣分和规则设置），
默认输出 JSON 排名：standings[]（名次、编号、最后得分、奖项、计分评委数，以及精确得分、
并列和区分依据）、pending[]（评分中）和 excluded[]（退赛或取消资格）。
FILE is one round in the interchange format of the scoring rules; by default the standings
are printed as JSON: standings[], pending[] and excluded[].

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
