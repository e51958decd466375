/**
 * 观摩评分: a site-visit round, where the panel visits each contestant at their site(s) (观摩点)
 * over a day, offline from the venue server, and scores one sheet per contestant as in any round.
 * Here: the sites as the organizer types them, the order the panel visits them in, and when a
 * site is complete (every judge's sheet of its contestant is in).
 *
 * Pure: no React, Dexie, DOM or clock.
 */

import type { Id } from './model.ts';
import { byAppearance } from './order.ts';
import type { ContestantSite } from './records.ts';
import type { JudgeProgress } from './reveal-checks.ts';

export type { ContestantSite };

export const MAX_SITES_PER_CONTESTANT = 20;
export const MAX_SITE_NAME_LENGTH = 100;

/** Why a typed list of sites is refused, naming the entry at fault. */
export type SitesProblem =
  | { problem: 'tooMany'; max: number }
  | { problem: 'nameMissing'; entry: string }
  | { problem: 'nameTooLong'; entry: string; max: number }
  | { problem: 'badTime'; entry: string };

export type SitesParse = { ok: true; sites: ContestantSite[] } | { ok: false; error: SitesProblem };

/** Entries are separated by ；, ; or a new line; each is a name, then optionally a time. */
const SEPARATOR = /[;；\n]/;
const TRAILING_TIME = /^(.*?)\s*(\d{1,2})[:：](\d{2})$/;

/**
 * The sites as typed in a form or an import's 观摩点 column: "大泉湖村 09:30；三工镇 10:15".
 * An empty text is no site.
 */
export function parseSites(text: string): SitesParse {
  const entries = text
    .split(SEPARATOR)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length > MAX_SITES_PER_CONTESTANT) {
    return { ok: false, error: { problem: 'tooMany', max: MAX_SITES_PER_CONTESTANT } };
  }
  const sites: ContestantSite[] = [];
  for (const entry of entries) {
    const timed = TRAILING_TIME.exec(entry);
    const name = (timed ? (timed[1] ?? '') : entry).trim();
    if (name === '') return { ok: false, error: { problem: 'nameMissing', entry } };
    if (name.length > MAX_SITE_NAME_LENGTH) {
      return { ok: false, error: { problem: 'nameTooLong', entry, max: MAX_SITE_NAME_LENGTH } };
    }
    if (!timed) {
      sites.push({ name });
      continue;
    }
    const hours = Number(timed[2]);
    const minutes = Number(timed[3]);
    if (hours > 23 || minutes > 59) return { ok: false, error: { problem: 'badTime', entry } };
    sites.push({ name, time: `${String(hours).padStart(2, '0')}:${timed[3]}` });
  }
  return { ok: true, sites };
}

/** The sites as the form shows them again: parseSites(formatSites(s)) gives s back. */
export function formatSites(sites: readonly ContestantSite[]): string {
  return sites.map((site) => (site.time ? `${site.name} ${site.time}` : site.name)).join('；');
}

/** Whether a site's time is a valid 'HH:MM' (the event-shape check of a stored site). */
export function isSiteTime(time: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(time);
}

/** Whether stored sites are well formed: the same rules as parseSites, for a write from code. */
export function sitesAreValid(sites: readonly ContestantSite[]): boolean {
  return (
    sites.length <= MAX_SITES_PER_CONTESTANT &&
    sites.every(
      (site) =>
        site.name.trim() !== '' &&
        site.name.length <= MAX_SITE_NAME_LENGTH &&
        (site.time === undefined || isSiteTime(site.time)),
    )
  );
}

interface Visited {
  id: Id;
  draw: number | null;
  order: number;
  sites?: readonly ContestantSite[] | undefined;
}

/** The earliest time of the contestant's sites; null when none has a time. */
function firstTime(contestant: Visited): string | null {
  const times = (contestant.sites ?? []).flatMap((site) => (site.time ? [site.time] : []));
  return times.length === 0 ? null : times.reduce((a, b) => (a < b ? a : b));
}

/**
 * The order the panel visits the contestants in: by the earliest time of their sites, those
 * without a time after them; otherwise (and between equal times) the order of appearance.
 */
export function bySiteVisit(a: Visited, b: Visited): number {
  const timeA = firstTime(a);
  const timeB = firstTime(b);
  if (timeA !== timeB) {
    if (timeA === null) return 1;
    if (timeB === null) return -1;
    return timeA < timeB ? -1 : 1;
  }
  return byAppearance(a, b);
}

/**
 * One judge's sheet of a site's contestant, as far as this device knows: `in` (submitted, every
 * criterion marked), `inProgress` (marks entered, or a submitted sheet missing a criterion),
 * `none` (nothing yet), `recused` (回避: not expected).
 */
export type SiteSheetState = 'in' | 'inProgress' | 'none' | 'recused';

export function siteSheetState(progress: Pick<JudgeProgress, 'status'>): SiteSheetState {
  switch (progress.status) {
    case 'submitted':
      return 'in';
    case 'incomplete':
    case 'drafting':
      return 'inProgress';
    case 'notStarted':
      return 'none';
    case 'recused':
      return 'recused';
  }
}

/**
 * A site is complete when every judge's sheet of its contestant is in: each judge has submitted
 * or is recused, and at least one has submitted (a contestant nobody may score is not complete).
 */
export function isSiteComplete(states: readonly SiteSheetState[]): boolean {
  return states.every((state) => state === 'in' || state === 'recused') && states.includes('in');
}
