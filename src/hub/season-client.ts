/**
 * `npm run hub -- season create|add-entry …`: the organizer's calls that create a season on a
 * running hub and enter points by hand (./season-http.ts), with the admin secret, and what they
 * print: the answer, or each problem the hub named, in Chinese and English.
 */

import { readFileSync } from 'node:fs';
import type {
  HubSeasonAnswer,
  HubSeasonEntryAnswer,
  HubSeasonEntryRequest,
  HubSeasonRefusal,
  HubSeasonRequest,
} from '../sync/hub-season-protocol';
import { HubRefused, postAsAdmin } from './register';

export function createSeason(hubUrl: string, adminSecret: string, request: HubSeasonRequest) {
  return postAsAdmin<HubSeasonAnswer>(hubUrl, adminSecret, '/admin/seasons', request);
}

export function addSeasonEntry(
  hubUrl: string,
  adminSecret: string,
  seasonId: string,
  request: HubSeasonEntryRequest,
) {
  return postAsAdmin<HubSeasonEntryAnswer>(
    hubUrl,
    adminSecret,
    `/admin/seasons/${encodeURIComponent(seasonId)}/entries`,
    request,
  );
}

/** A points table file's JSON (the format of `leitai season --table`). */
export function readTableFile(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The lines that say why the hub refused: its message, or each problem of the season's rules. */
export function refusalLines(error: unknown): string[] {
  if (!(error instanceof HubRefused)) return [error instanceof Error ? error.message : String(error)];
  const { issues } = error.error as HubSeasonRefusal;
  if (!issues || issues.length === 0) return [error.message];
  return issues.map((issue) => `  ${issue['zh-CN']}\n  ${issue.en}`);
}
