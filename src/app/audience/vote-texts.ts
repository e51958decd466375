/**
 * The voting page's words, zh-CN first and English one tap away: its own small table, since the
 * page is a separate tiny entry without the app's i18n runtime (src/app/audience/vote.ts).
 */

const zh = {
  title: '大众投票',
  joining: '正在加入投票……',
  waiting: '投票尚未开始，请等待主持人开始投票。',
  closed: '本轮投票已结束，谢谢参与！',
  support: '支持',
  against: '不支持',
  voteFor: '为“{name}”投票',
  rateFor: '为“{name}”打分（1–10 分）',
  voted: '已投票：{vote}',
  points: '{value} 分',
  changeHint: '投票结束前可以改投。',
  remaining: '剩余 {seconds} 秒',
  offline: '连接不到场馆服务器，正在重试……',
  tooManyPhones: '这个网络加入的手机已达上限，无法加入投票。',
  tooManyRequests: '操作太频繁，请稍等再投。',
  voteClosed: '投票已结束，这一票没有计入。',
  voteRefused: '这一票没有计入：{reason}',
  language: 'English',
} as const;

export type VoteText = keyof typeof zh;

const en: Record<VoteText, string> = {
  title: 'Audience vote',
  joining: 'Joining the vote…',
  waiting: 'Voting has not started yet: wait for the host to open it.',
  closed: 'Voting has ended. Thank you for taking part!',
  support: 'Support',
  against: 'Do not support',
  voteFor: 'Vote for “{name}”',
  rateFor: 'Rate “{name}” (1–10)',
  voted: 'Voted: {vote}',
  points: '{value}',
  changeHint: 'You may change your vote until voting ends.',
  remaining: '{seconds} s left',
  offline: 'Cannot reach the venue server; retrying…',
  tooManyPhones: 'This network has joined as many phones as allowed: this phone cannot join.',
  tooManyRequests: 'Too many taps: wait a moment, then vote again.',
  voteClosed: 'Voting has ended: this vote was not counted.',
  voteRefused: 'This vote was not counted: {reason}',
  language: '中文',
};

export type VoteLanguage = 'zh-CN' | 'en';

export function voteText(
  language: VoteLanguage,
  key: VoteText,
  params: Record<string, string | number> = {},
): string {
  const template: string = language === 'en' ? en[key] : zh[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}
