// The one message catalogue of the app. zh-CN is the default and the reference: `en` is typed
// as Record<keyof typeof zhCN, string>, so TypeScript refuses a missing or an extra key.
// The tables below are the shell's, on every screen (home, header, sync status). A role's own
// messages are an area (areas.ts) that loads with its page; MessageKey is the union of both, so
// t() knows every key and the tables are registered at run time. Errors are codes with
// parameters too: a repository refusal is put into words by error-text.ts from its own area
// (repository-errors.ts), a sync refusal by sync/failure-message.ts from sync-errors.ts.
// Words follow /work/shared/glossary.md (组织者 organizer, 评委 judge, 主持台 host console, 大屏 projector…).
// `{name}` in a message is replaced by the `name` parameter of t().

import type { combinationZh } from './combination';
import type { judgeZh } from './judge';
import type { organizerZh } from './organizer';
import type { organizerGroupsZh } from './organizer-groups';
import type { organizerPeopleZh } from './organizer-people';
import type { projectorZh } from './projector';
import { pwaEn, pwaZh } from './pwa';
import type { repositoryErrorsZh } from './repository-errors';
import type { resultsZh } from './results';
import type { resultsBackupZh } from './results-backup';
import type { seasonZh } from './season';
import type { stageZh } from './stage';
import { syncEn, syncZh } from './sync';
import type { syncErrorsZh } from './sync-errors';
import type { syncPanelZh } from './sync-panel';

export const zhCN = {
  'app.name': '擂台 · Leitai 评分系统',
  'app.shortName': '擂台评分',
  'app.loading': '加载中…',
  'app.partUnavailable': '这一部分现在无法加载（网络不通）。联网后再打开即可。',
  'nav.home': '首页',
  'nav.skipToContent': '跳到主要内容',
  'lang.label': '语言',
  'home.title': '擂台 · Leitai 评分系统',
  'home.lead':
    '擂台为擂台比武等现场评比活动打分：评委在平板上评分，主持人在主持台和大屏上公布成绩，组织者设置赛事并导出成绩。',
  'home.rolesHeading': '选择你的角色',
  'home.connect.title': '本设备尚未连接场馆服务器',
  'home.connect.body':
    '现在的记录只保存在本设备上。组织者：在运行场馆服务器（npm start）的电脑上，用终端显示的认领码认领，之后主持台等设备用组织者密码登录；评委：进入评委页面，输入 8 位评委码；大屏：输入大屏码。',
  'home.connect.action': '连接场馆服务器',
  'role.organizer.title': '组织者',
  'role.organizer.desc': '设置赛事、轮次、选手、评委和评分标准，导出成绩汇总表。',
  'role.organizer.open': '进入组织者',
  'role.judge.title': '评委',
  'role.judge.desc': '在平板上为每位选手打分并提交评分表。',
  'role.judge.open': '进入评委',
  'role.stage.title': '主持/大屏',
  'role.stage.desc': '主持台叫号、计时、公布成绩；大屏向观众展示排名。',
  'role.host.title': '主持台',
  'role.projector.title': '大屏',
  'role.results.title': '成绩',
  'role.results.desc': '查看排名、名次和奖项。',
  'role.results.open': '查看成绩',
  'role.season.title': '积分制',
  'page.backHome': '返回首页',
  'notFound.title': '找不到此页面',
  'notFound.body': '地址 {path} 不存在。',
  'update.prompt': '新版本可用，刷新',
  ...syncZh,
  ...pwaZh,
} satisfies Record<string, string>;

type ShellKey = keyof typeof zhCN;
/**
 * The areas' tables (areas.ts loads them), named here by type only so that this module does not
 * import the loader that imports it. An area left out here cannot be loaded: areaLoaders refuses
 * a table that has no key of Messages.
 */
type AreaTable =
  | typeof organizerZh
  | typeof organizerPeopleZh
  | typeof organizerGroupsZh
  | typeof combinationZh
  | typeof judgeZh
  | typeof stageZh
  | typeof projectorZh
  | typeof resultsZh
  | typeof resultsBackupZh
  | typeof seasonZh
  | typeof syncPanelZh
  | typeof syncErrorsZh
  | typeof repositoryErrorsZh;
type KeysOf<Table> = Table extends unknown ? keyof Table : never;

/** Every message key of the app: the shell's and every area's. */
export type MessageKey = ShellKey | KeysOf<AreaTable>;
export type Messages = Record<MessageKey, string>;

export const en: Record<ShellKey, string> = {
  'app.name': 'Leitai · Competition Scoring',
  'app.shortName': 'Leitai',
  'app.loading': 'Loading…',
  'app.partUnavailable':
    'This part cannot be loaded now (no network). Open it again once the network is back.',
  'nav.home': 'Home',
  'nav.skipToContent': 'Skip to main content',
  'lang.label': 'Language',
  'home.title': 'Leitai · Competition Scoring',
  'home.lead':
    'Leitai scores live judged competitions: judges mark on tablets, the host reveals the results on the host console and the projector, and organizers set up the competition and export the results.',
  'home.rolesHeading': 'Choose your role',
  'home.connect.title': 'This device is not connected to the venue server',
  'home.connect.body':
    'Records are kept on this device only for now. Organizer: on the computer running the venue server (npm start), claim it with the claim code its terminal shows; other devices such as the host console then log in with the organizer’s password. Judge: open the judge page and enter your 8-digit judge code. Projector: enter the projector code.',
  'home.connect.action': 'Connect to the venue server',
  'role.organizer.title': 'Organizer',
  'role.organizer.desc':
    'Set up the competition, rounds, contestants, judges and score sheets; export the results.',
  'role.organizer.open': 'Open organizer',
  'role.judge.title': 'Judge',
  'role.judge.desc': 'Mark each contestant on a tablet and submit the score sheet.',
  'role.judge.open': 'Open judge',
  'role.stage.title': 'Host & projector',
  'role.stage.desc':
    'The host console calls contestants, runs the clock and reveals results; the projector shows the ranking to the audience.',
  'role.host.title': 'Host console',
  'role.projector.title': 'Projector',
  'role.results.title': 'Results',
  'role.results.desc': 'See the ranking, ranks and awards.',
  'role.results.open': 'Open results',
  'role.season.title': 'Season points',
  'page.backHome': 'Back to home',
  'notFound.title': 'Page not found',
  'notFound.body': 'There is no page at {path}.',
  'update.prompt': 'New version available, reload',
  ...syncEn,
  ...pwaEn,
};

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** The messages known so far: the shell's, then each area's as its page loads (areas.ts). */
const catalogues: Record<Lang, Partial<Messages>> = { 'zh-CN': { ...zhCN }, en: { ...en } };

/** Adds an area's table in one language; areas.ts calls it when the table's chunk has loaded. */
export function registerMessages(lang: Lang, table: Partial<Messages>): void {
  Object.assign(catalogues[lang], table);
}

/**
 * A key whose area is not loaded is a bug in areas.ts' routeAreas: tests fail on it; a
 * production screen shows the key (and logs why) rather than going blank.
 */
function missingMessage(key: MessageKey): string {
  const why = `Message "${key}" is not loaded: add its area to routeAreas in src/app/i18n/areas.ts`;
  if (!import.meta.env.PROD) throw new Error(why);
  console.error(why);
  return key;
}

/** Looks a message up and fills its `{param}` placeholders. */
export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalogues[lang][key];
  if (text === undefined) return missingMessage(key);
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
