/**
 * 大众投票, the audience's phone (/v, opened from the projector's QR code): a separate tiny entry,
 * plain TypeScript and DOM, no React and none of the app's shell, so that a phone on a crowded
 * venue Wi-Fi loads a few kilobytes. It joins the venue server once (an audience token kept in
 * this browser), asks the voting state every two seconds, and votes 支持/不支持 or 1–10; it may
 * change its vote until the window closes. The server decides everything (src/server/audience.ts):
 * this page only shows what it answers.
 */

import type { AudienceJoinResponse, AudienceStateResponse, SyncError } from '../../sync/protocol';
import './vote.css';
import { type VoteLanguage, type VoteText, voteText } from './vote-texts';

// Written in at build time from src/sync/protocol.ts (vite.config.ts `define`).
declare const __LEITAI_API_PREFIX__: string;
declare const __LEITAI_PROTOCOL_HEADER__: string;
declare const __LEITAI_PROTOCOL_VERSION__: number;

const TOKEN_KEY = 'leitai.audience.token';
const LANGUAGE_KEY = 'leitai.audience.language';
const POLL_MS = 2000;

type Voting = NonNullable<AudienceStateResponse['voting']>;

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: SyncError | null,
  ) {
    super(error?.message ?? `HTTP ${status}`);
  }
}

/** localStorage where the browser allows it (a private window may not): else this page's memory. */
const memory = new Map<string, string>();
const stored = {
  get(key: string): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return memory.get(key) ?? null;
    }
  },
  set(key: string, value: string | null): void {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    } catch {
      if (value === null) memory.delete(key);
      else memory.set(key, value);
    }
  },
};

async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    [__LEITAI_PROTOCOL_HEADER__]: String(__LEITAI_PROTOCOL_VERSION__),
  };
  const token = stored.get(TOKEN_KEY);
  if (token && path !== '/audience/join') headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${__LEITAI_API_PREFIX__}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => null)) as (T & { error?: SyncError }) | null;
  if (!response.ok || answer === null) throw new ApiError(response.status, answer?.error ?? null);
  return answer;
}

const page = {
  language: (stored.get(LANGUAGE_KEY) === 'en' ? 'en' : 'zh-CN') as VoteLanguage,
  joined: false,
  /** This phone may not join (the address has all its phones): nothing more to do. */
  refused: false,
  offline: false,
  voting: null as Voting | null,
  /** Whether a window was open since the page loaded: then "no voting" means it has ended. */
  seenOpen: false,
  /** When the open window ends, by this page's monotonic clock. */
  endsAt: 0,
  notice: null as string | null,
  sending: false,
};

const root = document.getElementById('vote') as HTMLElement;

function t(key: VoteText, params?: Record<string, string | number>): string {
  return voteText(page.language, key, params);
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function secondsLeft(): number {
  return Math.max(0, Math.ceil((page.endsAt - performance.now()) / 1000));
}

function voteLabel(voting: Voting, value: number): string {
  if (voting.mode === 'rating') return t('points', { value });
  return value === 1 ? t('support') : t('against');
}

function choices(voting: Voting): HTMLElement {
  const values = voting.mode === 'support' ? [1, 0] : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const list = element('div', { class: `vote-choices vote-choices-${voting.mode}` });
  for (const value of values) {
    const button = element(
      'button',
      {
        type: 'button',
        class: 'vote-choice',
        'aria-pressed': String(voting.myVote === value),
        'data-testid': `vote-${value}`,
      },
      voteLabel(voting, value),
    );
    if (page.sending) button.setAttribute('disabled', '');
    button.addEventListener('click', () => void cast(value));
    list.append(button);
  }
  return list;
}

function render(): void {
  const language = element(
    'button',
    { type: 'button', class: 'vote-language', lang: page.language === 'en' ? 'zh-CN' : 'en' },
    t('language'),
  );
  language.addEventListener('click', () => {
    page.language = page.language === 'en' ? 'zh-CN' : 'en';
    stored.set(LANGUAGE_KEY, page.language);
    render();
  });
  document.documentElement.lang = page.language;
  document.title = t('title');
  const header = element('header', { class: 'vote-header' }, element('h1', {}, t('title')), language);
  const body: (Node | string)[] = [];
  const { voting } = page;
  if (page.refused) body.push(element('p', { class: 'vote-status', role: 'alert' }, t('tooManyPhones')));
  else if (!page.joined) body.push(element('p', { class: 'vote-status' }, t('joining')));
  else if (!voting)
    body.push(element('p', { class: 'vote-status' }, page.seenOpen ? t('closed') : t('waiting')));
  else {
    const heading = voting.mode === 'support' ? 'voteFor' : 'rateFor';
    body.push(
      element('p', { class: 'vote-round' }, voting.roundName),
      element('h2', { class: 'vote-contestant' }, t(heading, { name: voting.contestantName })),
      element(
        'p',
        { class: 'vote-countdown', 'data-testid': 'vote-countdown' },
        t('remaining', { seconds: secondsLeft() }),
      ),
      choices(voting),
      element(
        'p',
        { class: 'vote-mine', 'data-testid': 'vote-mine' },
        voting.myVote === null
          ? t('changeHint')
          : `${t('voted', { vote: voteLabel(voting, voting.myVote) })} · ${t('changeHint')}`,
      ),
    );
  }
  if (page.offline) body.push(element('p', { class: 'vote-notice' }, t('offline')));
  if (page.notice) body.push(element('p', { class: 'vote-notice', role: 'alert' }, page.notice));
  root.replaceChildren(header, ...body);
}

function show(state: AudienceStateResponse): void {
  page.offline = false;
  page.voting = state.voting;
  if (state.voting) {
    page.seenOpen = true;
    page.endsAt = performance.now() + state.voting.remainingMs;
  }
}

/** A refusal in the reader's words; null for an answer that is not the server's (network). */
function refusalText(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  switch (error.error?.code) {
    case 'votingClosed':
      return t('voteClosed');
    case 'tooManyRequests':
      return t('tooManyRequests');
    default:
      return t('voteRefused', { reason: error.error?.message ?? String(error.status) });
  }
}

async function join(): Promise<void> {
  if (stored.get(TOKEN_KEY)) {
    page.joined = true;
    return;
  }
  try {
    const answer = await api<AudienceJoinResponse>('POST', '/audience/join');
    stored.set(TOKEN_KEY, answer.token);
    page.joined = true;
  } catch (error) {
    if (error instanceof ApiError && error.error?.code === 'tooManyPhones') page.refused = true;
    else page.offline = true;
  }
}

async function refresh(): Promise<void> {
  if (page.refused) return;
  if (!page.joined) await join();
  if (!page.joined) return render();
  try {
    show(await api<AudienceStateResponse>('GET', '/audience/state'));
  } catch (error) {
    // The server forgot this phone (a new data directory): join again on the next round.
    if (error instanceof ApiError && error.status === 401) {
      stored.set(TOKEN_KEY, null);
      page.joined = false;
    } else if (!(error instanceof ApiError && error.error?.code === 'tooManyRequests')) {
      page.offline = true;
    }
  }
  render();
}

async function cast(value: number): Promise<void> {
  const { voting } = page;
  if (!voting || page.sending) return;
  page.sending = true;
  page.notice = null;
  render();
  try {
    show(
      await api<AudienceStateResponse>('POST', '/audience/vote', {
        roundId: voting.roundId,
        contestantId: voting.contestantId,
        value,
      }),
    );
  } catch (error) {
    const text = refusalText(error);
    if (text === null) page.offline = true;
    else page.notice = text;
  }
  page.sending = false;
  render();
}

function tick(): void {
  const countdown = root.querySelector('[data-testid="vote-countdown"]');
  if (countdown) countdown.textContent = t('remaining', { seconds: secondsLeft() });
}

render();
void refresh();
setInterval(() => void refresh(), POLL_MS);
setInterval(tick, 500);
