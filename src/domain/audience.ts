/**
 * 大众投票 / 大众评分: the audience votes from their phones while the host keeps a contestant's
 * voting window open. The rules, pure:
 *
 * - A window is the host's `audience.open` (its event id is the window's id); it ends when the
 *   host closes it or its seconds have passed by the venue server's clock. The server alone
 *   writes votes (`audience.vote`, numbered `n` in their window, stamped `atMs` after the open
 *   by its own clock) and refuses them once the window has ended; when it admits a close it
 *   seals the window (`audience.seal`) with the number of votes it took.
 * - Defence in depth, and order-free: a vote counts only when its window was opened for its
 *   contestant, its `atMs` is within the window's seconds and its `n` within the seal's count.
 *   A device that receives the seal before a vote, or the vote before the open, counts the same.
 * - One voice per phone per contestant: a voter's newest counted vote (by the server's order)
 *   replaces its earlier ones, in that window and across the contestant's windows.
 * - Votes are marks of the audience group on its criterion: each voter becomes a judge of the
 *   group (weight 1, no unit), so the engine scores them like any other mark.
 *
 * Pure: no React, Dexie, DOM API or Node import, no clock, no randomness.
 */

import {
  type AudienceVote,
  type AudienceVoteRow,
  type AudienceWindowRow,
  compareRevision,
} from './events.ts';
import type { Hundredths, Id, Judge, Mark, RoundInput } from './model.ts';
import type { AudienceVoting } from './records.ts';

/** The prefix of the voter ids the venue server gives phones: `aud-1`, `aud-2`… */
export const VOTER_ID_PREFIX = 'aud-';

export function voterIdOf(number: number): Id {
  return `${VOTER_ID_PREFIX}${number}`;
}

/** The number in a voter id (观众 #n), or null for an id of another form. */
export function voterNumberOf(voterId: Id): number | null {
  const match = /^aud-(\d+)$/.exec(voterId);
  return match ? Number(match[1]) : null;
}

/** Whether `value` is a vote of `mode`: 0 or 1 (不支持/支持), or a whole 1 to 10. */
export function isVoteValue(mode: AudienceVoting['mode'], value: number): boolean {
  if (!Number.isInteger(value)) return false;
  return mode === 'support' ? value === 0 || value === 1 : value >= 1 && value <= 10;
}

/** The window's length in milliseconds; null while its open has not arrived. */
export function windowLengthMs(voting: AudienceWindowRow): number | null {
  return voting.opened ? voting.opened.seconds * 1000 : null;
}

/**
 * Whether a window takes votes `elapsedMs` after it opened (by the clock of whoever asks: the
 * venue server's own for a vote, a screen's for its countdown): opened, neither closed nor sealed,
 * and within its seconds.
 */
export function isWindowOpen(voting: AudienceWindowRow, elapsedMs: number): boolean {
  const length = windowLengthMs(voting);
  return length !== null && voting.closed === null && voting.sealed === null && elapsedMs < length;
}

/**
 * The window the host opened last among `windows` (of one round) that was neither closed nor
 * sealed since, whatever its clock says; null when none. Time is the caller's check.
 */
export function latestUnclosedWindow(windows: Iterable<AudienceWindowRow>): AudienceWindowRow | null {
  let latest: AudienceWindowRow | null = null;
  for (const voting of windows) {
    if (!voting.opened || voting.closed || voting.sealed) continue;
    if (!latest?.opened || compareRevision(voting.opened.head, latest.opened.head) > 0) latest = voting;
  }
  return latest;
}

/** The vote of a voter's row that counts in its window: the newest one before the window ended. */
function countedInWindow(row: AudienceVoteRow, voting: AudienceWindowRow | undefined): AudienceVote | null {
  if (!voting?.opened || voting.contestantId !== row.contestantId || voting.roundId !== row.roundId) {
    return null;
  }
  const lengthMs = voting.opened.seconds * 1000;
  const limit = voting.sealed?.votes ?? Number.POSITIVE_INFINITY;
  let counted: AudienceVote | null = null;
  for (const vote of row.votes) {
    if (vote.n <= limit && vote.atMs < lengthMs && (!counted || vote.n >= counted.n)) counted = vote;
  }
  return counted;
}

/** A voter's vote that counts for a contestant. */
export interface CountedVote {
  contestantId: Id;
  voterId: Id;
  value: number;
}

/**
 * The votes that count, one per voter and contestant, from a round's windows and vote rows:
 * the same result for any order in which the rows were folded.
 */
export function countedVotes(
  windows: Iterable<AudienceWindowRow>,
  votes: Iterable<AudienceVoteRow>,
): CountedVote[] {
  const byId = new Map<Id, AudienceWindowRow>();
  for (const voting of windows) byId.set(voting.windowId, voting);
  const newest = new Map<string, { row: AudienceVoteRow; vote: AudienceVote }>();
  for (const row of votes) {
    const vote = countedInWindow(row, byId.get(row.windowId));
    if (!vote) continue;
    const key = JSON.stringify([row.contestantId, row.voterId]);
    const current = newest.get(key);
    if (!current || compareRevision(vote.head, current.vote.head) > 0) newest.set(key, { row, vote });
  }
  return [...newest.values()]
    .map(({ row, vote }) => ({ contestantId: row.contestantId, voterId: row.voterId, value: vote.value }))
    .sort((a, b) => compare(a.contestantId, b.contestantId) || compareVoters(a.voterId, b.voterId));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Voters in the order of their numbers (观众 #2 before #10), others after by id. */
function compareVoters(a: Id, b: Id): number {
  const na = voterNumberOf(a);
  const nb = voterNumberOf(b);
  if (na !== null && nb !== null) return na - nb;
  if (na !== null || nb !== null) return na === null ? 1 : -1;
  return compare(a, b);
}

/** The live tally of one contestant (what the projector shows while the window is open). */
export interface AudienceTally {
  /** How many phones' votes count (the turnout). */
  votes: number;
  /** support: how many voted 支持. */
  supporters: number;
  /** The sum of the counted values: supporters for support, the ratings' sum for rating. */
  sum: number;
}

export function tallyOf(counted: Iterable<CountedVote>, contestantId: Id): AudienceTally {
  const tally: AudienceTally = { votes: 0, supporters: 0, sum: 0 };
  for (const vote of counted) {
    if (vote.contestantId !== contestantId) continue;
    tally.votes += 1;
    tally.sum += vote.value;
    if (vote.value === 1) tally.supporters += 1;
  }
  return tally;
}

/** 支持率 in whole percent, rounded half up; null without votes. */
export function supportPercent(tally: AudienceTally): number | null {
  return tally.votes === 0 ? null : Math.floor((tally.supporters * 200 + tally.votes) / (2 * tally.votes));
}

/** The rating's mean in hundredths, rounded half up; null without votes. */
export function ratingMeanHundredths(tally: AudienceTally): Hundredths | null {
  return tally.votes === 0 ? null : Math.floor((tally.sum * 200 + tally.votes) / (2 * tally.votes));
}

/** The turnout: how many phones' votes count, per contestant. */
export function turnoutOf(counted: Iterable<CountedVote>): Map<Id, number> {
  const turnout = new Map<Id, number>();
  for (const vote of counted) turnout.set(vote.contestantId, (turnout.get(vote.contestantId) ?? 0) + 1);
  return turnout;
}

/** The name a voter has as a judge of the audience group. */
export function voterName(voterId: Id): string {
  const number = voterNumberOf(voterId);
  return number === null ? `观众 ${voterId}` : `观众 #${number}`;
}

/**
 * The engine's input with the audience's votes: each voter with a counted vote becomes a judge
 * of the audience group (weight 1, no unit, so no recusal), each vote a mark on the group's
 * criterion (1 to 10, or 1/0, in hundredths). Unchanged for a round without audience voting, or
 * whose groups or sheet lack the audience group or its criterion.
 * Votes for contestants or of values the round does not take are left out.
 */
export function withAudienceVotes(
  input: RoundInput,
  audience: AudienceVoting | undefined,
  windows: Iterable<AudienceWindowRow>,
  votes: Iterable<AudienceVoteRow>,
): RoundInput {
  // Votes are marks of the audience group on its criterion: without both in the round (its setup
  // half done), they would make the engine refuse the round whole; they wait there instead.
  const grouped = input.settings.groups?.some((group) => group.id === audience?.groupId);
  if (!audience || !grouped || !input.criteria.some((criterion) => criterion.id === audience.criterionId)) {
    return input;
  }
  const contestants = new Set(input.contestants.map((contestant) => contestant.id));
  // A panel judge's id is never a voter's: such a vote would pass as that judge's mark.
  const panel = new Set(input.judges.map((judge) => judge.id));
  const counted = countedVotes(windows, votes).filter(
    (vote) =>
      contestants.has(vote.contestantId) &&
      !panel.has(vote.voterId) &&
      isVoteValue(audience.mode, vote.value),
  );
  const voterIds = [...new Set(counted.map((vote) => vote.voterId))].sort(compareVoters);
  const voters: Judge[] = voterIds.map((voterId) => ({
    id: voterId,
    name: voterName(voterId),
    weight: 100,
    unit: null,
    group: audience.groupId,
  }));
  const marks: Mark[] = counted.map((vote) => ({
    judge: vote.voterId,
    contestant: vote.contestantId,
    criterion: audience.criterionId,
    value: vote.value * 100,
  }));
  return { ...input, judges: [...input.judges, ...voters], marks: [...input.marks, ...marks] };
}
