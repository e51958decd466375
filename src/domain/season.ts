/**
 * The season 积分制 (一人一档、一月一评): a ledger of point entries per person that runs all year
 * (scoring rules, "Stages 阶段 and the season 积分"). Pure: no clock, no randomness.
 *
 * - Entries are append-only. A correction is a new entry citing the one it corrects
 *   (`corrects`), and it carries the REPLACEMENT: the corrected entry no longer counts, the
 *   correction's points count in its place. An entry is corrected at most once; to correct a
 *   correction, cite the correction (a chain, whose last entry counts). The replacement counts
 *   where the original did: in the period of the original's date (its own date says when it was
 *   made) and as points from a competition when the original was one.
 * - Posting a round's results turns placings or awards into entries by the season's points
 *   table, with ids derived from season, competition, round and member, so posting the same
 *   results twice changes nothing. People are members by name and unit (./person-key.ts).
 * - A ledger is kept in one canonical order (members by id, entries by date then id), so the
 *   same entries give the same bytes whatever order they were appended in.
 * - Standings over a month, quarter or year: each member's counted points in the period, ranked
 *   by the total, then the points from competitions, then the most recent entry, then 并列
 *   (1, 2, 2, 4), listed by member id. Members without an entry in the period are not listed.
 */
import { formatHundredths } from './decimal.ts';
import type { Hundredths, Id } from './model.ts';
import { compareIds } from './order.ts';
import { normalisedPerson, personKey } from './person-key.ts';
import { rankCandidates, type Separation } from './ranking.ts';
import { formatUnits, fromHundredths, rational } from './rational.ts';
import { type SeasonIssue, SeasonRejectedError, seasonIssue } from './season-issues.ts';
import { sha256Hex } from './sha256.ts';

export interface SeasonMember {
  id: Id;
  name: string;
  unit: string | null;
}

/** Points per placing (名次) or per award tier (奖项), in hundredths. */
export type PointsTable =
  | { by: 'placing'; rows: { placing: number; points: Hundredths }[] }
  | { by: 'award'; rows: { award: string; points: Hundredths }[] };

export type EntrySource =
  | { kind: 'competition'; competitionId: Id; roundId: Id; placing: number }
  | { kind: 'competition'; competitionId: Id; roundId: Id; award: string }
  /** 学习教育, 竞赛获奖, 扣分项…: entered by hand, with its reason and optionally a photo's id. */
  | { kind: 'manual'; reason: string; evidence?: Id };

export interface SeasonEntry {
  id: Id;
  /** YYYY-MM-DD. */
  date: string;
  memberId: Id;
  /** What the points are for: 2026年村书记擂台比武 · 决赛, 学习教育… */
  item: string;
  /** Hundredths, + or −. */
  points: Hundredths;
  source: EntrySource;
  /** The entry this one corrects (replaces). */
  corrects?: Id;
}

export interface Season {
  id: Id;
  name: string;
  members: SeasonMember[];
  table: PointsTable;
  entries: SeasonEntry[];
}

/** 1st 10, 2nd 8, 3rd 6, then 5, 4, 3, 2, 1 down to 8th: the table when none is given. */
export const DEFAULT_POINTS_TABLE: PointsTable = {
  by: 'placing',
  rows: [1000, 800, 600, 500, 400, 300, 200, 100].map((points, at) => ({ placing: at + 1, points })),
};

// ---------------------------------------------------------------------------------------------
// Dates and periods

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isIsoDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A month `2026-11`, a quarter `2026-Q4` or a year `2026`: the months it spans. */
export interface Period {
  text: string;
  year: number;
  firstMonth: number;
  lastMonth: number;
}

const PERIOD = /^(\d{4})(?:-(?:(\d{2})|Q([1-4])))?$/;

/** The period a text names, or null when it names none. */
export function parsePeriod(text: string): Period | null {
  const match = PERIOD.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2] !== undefined) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) return null;
    return { text: `${match[1]}-${match[2]}`, year, firstMonth: month, lastMonth: month };
  }
  if (match[3] !== undefined) {
    const quarter = Number(match[3]);
    return { text: `${match[1]}-Q${quarter}`, year, firstMonth: quarter * 3 - 2, lastMonth: quarter * 3 };
  }
  return { text: match[1] as string, year, firstMonth: 1, lastMonth: 12 };
}

export function isInPeriod(period: Period, date: string): boolean {
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  return year === period.year && month >= period.firstMonth && month <= period.lastMonth;
}

// ---------------------------------------------------------------------------------------------
// Checking

const isHundredths = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value);

const shownNumber = (value: unknown) => (isHundredths(value) ? formatHundredths(value) : String(value));

export function checkTable(table: PointsTable): SeasonIssue[] {
  const issues: SeasonIssue[] = [];
  if (table.by !== 'placing' && table.by !== 'award') {
    return [seasonIssue('tableKindInvalid', 'table.by', { value: String((table as { by: unknown }).by) })];
  }
  if (table.rows.length === 0) issues.push(seasonIssue('tableEmpty', 'table.rows'));
  const seen = new Set<string>();
  table.rows.forEach((row, at) => {
    const path = `table.rows[${at}]`;
    const value = 'placing' in row ? String(row.placing) : row.award;
    if ('placing' in row && !(Number.isSafeInteger(row.placing) && row.placing >= 1))
      issues.push(seasonIssue('tableRankInvalid', path, { value }));
    if ('award' in row && row.award.trim() === '') issues.push(seasonIssue('tableAwardEmpty', path));
    if (seen.has(value)) issues.push(seasonIssue('tableRepeated', path, { value }));
    seen.add(value);
    if (!isHundredths(row.points))
      issues.push(seasonIssue('tablePointsInvalid', path, { value, points: shownNumber(row.points / 100) }));
  });
  return issues;
}

function checkSource(entry: SeasonEntry, path: string, issues: SeasonIssue[]): void {
  const { source } = entry;
  const params = { entry: entry.id };
  if (source.kind === 'manual') {
    if (typeof source.reason !== 'string' || source.reason.trim() === '')
      issues.push(seasonIssue('entryReasonEmpty', `${path}.source.reason`, params));
    return;
  }
  const valid =
    source.kind === 'competition' &&
    typeof source.competitionId === 'string' &&
    typeof source.roundId === 'string' &&
    (('placing' in source && Number.isSafeInteger(source.placing) && source.placing >= 1) ||
      ('award' in source && typeof source.award === 'string' && source.award !== ''));
  if (!valid) issues.push(seasonIssue('entrySourceInvalid', `${path}.source`, params));
}

/** Every problem of a ledger: its members, each entry, and its corrections. */
export function checkLedger(
  members: readonly SeasonMember[],
  entries: readonly SeasonEntry[],
): SeasonIssue[] {
  const issues: SeasonIssue[] = [];
  const memberIds = new Set<Id>();
  members.forEach((member, at) => {
    if (memberIds.has(member.id))
      issues.push(seasonIssue('memberRepeated', `members[${at}]`, { member: member.id }));
    memberIds.add(member.id);
  });
  const byId = new Map<Id, SeasonEntry>();
  entries.forEach((entry, at) => {
    const path = `entries[${at}]`;
    const params = { entry: entry.id };
    if (entry.id === '') issues.push(seasonIssue('entryIdEmpty', `${path}.id`));
    else if (byId.has(entry.id)) issues.push(seasonIssue('entryIdTaken', `${path}.id`, params));
    byId.set(entry.id, entry);
    if (!isIsoDate(entry.date))
      issues.push(seasonIssue('entryDateInvalid', `${path}.date`, { ...params, value: String(entry.date) }));
    if (!memberIds.has(entry.memberId))
      issues.push(
        seasonIssue('entryMemberUnknown', `${path}.memberId`, { ...params, member: entry.memberId }),
      );
    if (!isHundredths(entry.points))
      issues.push(
        seasonIssue('entryPointsInvalid', `${path}.points`, {
          ...params,
          value: shownNumber(entry.points / 100),
        }),
      );
    if (typeof entry.item !== 'string' || entry.item.trim() === '')
      issues.push(seasonIssue('entryItemEmpty', `${path}.item`, params));
    checkSource(entry, path, issues);
  });
  const correctedBy = new Map<Id, Id>();
  [...entries].sort(byDateThenId).forEach((entry) => {
    if (entry.corrects === undefined) return;
    const path = `entries[${entries.indexOf(entry)}].corrects`;
    const params = { entry: entry.id, target: entry.corrects };
    const target = byId.get(entry.corrects);
    if (!target) {
      issues.push(seasonIssue('correctionTargetUnknown', path, params));
      return;
    }
    if (entry.source.kind !== 'manual') issues.push(seasonIssue('correctionNotManual', path, params));
    if (target.memberId !== entry.memberId) issues.push(seasonIssue('correctionOtherMember', path, params));
    if (compareIds(entry.date, target.date) < 0)
      issues.push(seasonIssue('correctionBeforeTarget', path, params));
    const earlier = correctedBy.get(target.id);
    if (earlier !== undefined)
      issues.push(seasonIssue('correctionTargetCorrected', path, { ...params, by: earlier }));
    else correctedBy.set(target.id, entry.id);
  });
  for (const entry of entries) {
    // Every chain of `corrects` must end at an entry that corrects nothing.
    const visited = new Set<Id>();
    let at: SeasonEntry | undefined = entry;
    while (at?.corrects !== undefined && !visited.has(at.id)) {
      visited.add(at.id);
      at = byId.get(at.corrects);
    }
    if (at?.corrects !== undefined && at.id === entry.id) {
      issues.push(
        seasonIssue('correctionCycle', `entries[${entries.indexOf(entry)}].corrects`, { entry: entry.id }),
      );
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Appending

function byDateThenId(a: SeasonEntry, b: SeasonEntry): number {
  return compareIds(a.date, b.date) || compareIds(a.id, b.id);
}

/** Plain data compared by value, key order aside. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keysOf = (value: object) =>
    Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined);
  const keys = keysOf(a);
  return (
    keys.length === keysOf(b).length &&
    keys.every((key) => sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

/** The ledger in its canonical order: members by id, entries by date then id. */
export function canonicalSeason(season: Season): Season {
  return {
    ...season,
    members: [...season.members].sort((a, b) => compareIds(a.id, b.id)),
    entries: [...season.entries].sort(byDateThenId),
  };
}

/**
 * The season with these members and entries appended. One already in the ledger with the same
 * contents changes nothing; one with the same id and other contents is refused, as is anything
 * that breaks a rule (SeasonRejectedError, every issue named): then nothing is appended.
 */
export function appendToSeason(
  season: Season,
  additions: { members?: readonly SeasonMember[]; entries?: readonly SeasonEntry[] },
): Season {
  const issues: SeasonIssue[] = [];
  const members = [...season.members];
  const memberAt = new Map(members.map((member, at) => [member.id, at]));
  for (const member of additions.members ?? []) {
    const at = memberAt.get(member.id);
    if (at === undefined) {
      memberAt.set(member.id, members.length);
      members.push(member);
    } else if (!sameData(members[at], member)) {
      issues.push(seasonIssue('memberRepeated', 'members', { member: member.id }));
    }
  }
  const entries = [...season.entries];
  const entryAt = new Map(entries.map((entry, at) => [entry.id, at]));
  for (const entry of additions.entries ?? []) {
    const at = entryAt.get(entry.id);
    if (at === undefined) {
      entryAt.set(entry.id, entries.length);
      entries.push(entry);
    } else if (!sameData(entries[at], entry)) {
      issues.push(seasonIssue('entryIdTaken', 'entries', { entry: entry.id }));
    }
  }
  issues.push(...checkLedger(members, entries));
  if (issues.length > 0) throw new SeasonRejectedError(issues);
  return canonicalSeason({ ...season, members, entries });
}

// ---------------------------------------------------------------------------------------------
// Posting a round's results

/** One person's place in a final round, as the engine ranked them. */
export interface RoundPlacing {
  name: string;
  unit: string | null;
  rank: number;
  award: string | null;
}

export interface PostedRound {
  competitionId: Id;
  competitionName: string;
  roundId: Id;
  roundName: string;
  /** The competition's day, YYYY-MM-DD: the entries' date. */
  date: string;
  placings: readonly RoundPlacing[];
}

/** A member's id from their name and unit: the same person gets the same id in every import. */
export function memberIdOf(person: { name: string; unit: string | null }): Id {
  return `m-${sha256Hex(`leitai-season-member\n${personKey(person)}`).slice(0, 16)}`;
}

/** A posted entry's id from season, competition, round and member: posting twice is a no-op. */
export function postedEntryId(seasonId: Id, competitionId: Id, roundId: Id, memberId: Id): Id {
  return `e-${sha256Hex(['leitai-season-entry', seasonId, competitionId, roundId, memberId].join('\n')).slice(0, 32)}`;
}

/** The points the table gives a placing, and the source that says why; null when it gives none. */
function tablePoints(
  table: PointsTable,
  placing: RoundPlacing,
  round: PostedRound,
): { points: Hundredths; source: EntrySource } | null {
  const base = { kind: 'competition' as const, competitionId: round.competitionId, roundId: round.roundId };
  if (table.by === 'placing') {
    const row = table.rows.find((candidate) => candidate.placing === placing.rank);
    return row ? { points: row.points, source: { ...base, placing: placing.rank } } : null;
  }
  const row =
    placing.award === null ? undefined : table.rows.find((candidate) => candidate.award === placing.award);
  return row && placing.award !== null
    ? { points: row.points, source: { ...base, award: placing.award } }
    : null;
}

/**
 * The members and entries that posting a final round adds: one entry per person the table
 * gives points (a placing or award it does not list gives none), the person matched to a member
 * by name and unit, or a new member.
 */
export function postingsOf(
  season: Pick<Season, 'id' | 'members' | 'table'>,
  round: PostedRound,
): { members: SeasonMember[]; entries: SeasonEntry[] } {
  const memberOfKey = new Map(season.members.map((member) => [personKey(member), member]));
  const members: SeasonMember[] = [];
  const entries: SeasonEntry[] = [];
  for (const placing of round.placings) {
    const earned = tablePoints(season.table, placing, round);
    if (!earned) continue;
    const key = personKey(placing);
    let member = memberOfKey.get(key);
    if (!member) {
      // Spelled as compared, so that the member is the same whichever event posts them first.
      member = { id: memberIdOf(placing), ...normalisedPerson(placing) };
      memberOfKey.set(key, member);
      members.push(member);
    }
    entries.push({
      id: postedEntryId(season.id, round.competitionId, round.roundId, member.id),
      date: round.date,
      memberId: member.id,
      item: `${round.competitionName} · ${round.roundName}`,
      points: earned.points,
      source: earned.source,
    });
  }
  return { members, entries };
}

/** The season with a final round's results posted (see postingsOf and appendToSeason). */
export function postRound(season: Season, round: PostedRound): Season {
  return appendToSeason(season, postingsOf(season, round));
}

// ---------------------------------------------------------------------------------------------
// What counts

/** An entry that counts: the last of its chain of corrections, dated and sourced as the first. */
export interface CountedEntry {
  /** The entry whose points count (the original, or its last correction). */
  entry: SeasonEntry;
  /** The original entry: its date places the points in a period, its source says what they are. */
  original: SeasonEntry;
}

/** Which entry corrects each corrected entry. */
function correctionsOf(entries: readonly SeasonEntry[]): Map<Id, SeasonEntry> {
  const correctedBy = new Map<Id, SeasonEntry>();
  for (const entry of entries) if (entry.corrects !== undefined) correctedBy.set(entry.corrects, entry);
  return correctedBy;
}

export function countedEntries(season: Season): CountedEntry[] {
  const correctedBy = correctionsOf(season.entries);
  return season.entries
    .filter((entry) => entry.corrects === undefined)
    .map((original) => {
      let entry = original;
      for (let next = correctedBy.get(entry.id); next; next = correctedBy.get(entry.id)) entry = next;
      return { entry, original };
    });
}

// ---------------------------------------------------------------------------------------------
// Standings

export type SeasonTieBreak = 'competitionPoints' | 'latestEntry';

export interface SeasonStanding {
  memberId: Id;
  name: string;
  unit: string | null;
  /** The total in the period, with two decimals. */
  points: string;
  /** Of which from competitions' placings and awards. */
  competitionPoints: string;
  /** The date of the member's most recent counted entry in the period. */
  latestDate: string;
  /** Counted entries in the period. */
  entries: number;
  rank: number;
  tied: boolean;
  separatedBy: Separation<SeasonTieBreak> | null;
}

export interface SeasonStandings {
  period: string;
  ranked: SeasonStanding[];
}

const SEASON_TIE_BREAK: readonly SeasonTieBreak[] = ['competitionPoints', 'latestEntry'];

const twoDecimals = (hundredths: number) => formatUnits(BigInt(hundredths), 2);

/** Each member's points in the period, ranked (see the module's comment for the rules). */
export function seasonStandings(season: Season, period: Period): SeasonStandings {
  const totals = new Map<Id, { points: number; competition: number; latest: string; entries: number }>();
  for (const { entry, original } of countedEntries(season)) {
    if (!isInPeriod(period, original.date)) continue;
    const total = totals.get(entry.memberId) ?? { points: 0, competition: 0, latest: '', entries: 0 };
    total.points += entry.points;
    if (original.source.kind === 'competition') total.competition += entry.points;
    if (compareIds(original.date, total.latest) > 0) total.latest = original.date;
    total.entries++;
    totals.set(entry.memberId, total);
  }
  const memberOf = new Map(season.members.map((member) => [member.id, member]));
  const candidates = [...totals.entries()].map(([memberId, total]) => ({
    id: memberId,
    draw: null,
    announcedUnits: BigInt(total.points),
    tieBreakKeys: [
      fromHundredths(total.competition),
      rational(BigInt(Number(total.latest.replace(/-/g, '')))),
    ],
    total,
  }));
  const places = rankCandidates(candidates, SEASON_TIE_BREAK);
  return {
    period: period.text,
    ranked: places.map(({ candidate, rank, tied, separatedBy }) => {
      const member = memberOf.get(candidate.id);
      return {
        memberId: candidate.id,
        name: member?.name ?? candidate.id,
        unit: member?.unit ?? null,
        points: twoDecimals(candidate.total.points),
        competitionPoints: twoDecimals(candidate.total.competition),
        latestDate: candidate.total.latest,
        entries: candidate.total.entries,
        rank,
        tied,
        separatedBy,
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// One person's file 一人一档

export interface FileLine {
  entry: SeasonEntry;
  /** False when a later correction replaces it. */
  counts: boolean;
  /** The correction that replaces it. */
  correctedBy: Id | null;
}

export interface MemberFile {
  member: SeasonMember;
  /** Every entry of the member, corrected ones and corrections included, by date then id. */
  lines: FileLine[];
  /** The sum of the entries that count, with two decimals. */
  total: string;
}

/** The member's history across events, or null for no such member. */
export function memberFile(season: Season, memberId: Id): MemberFile | null {
  const member = season.members.find((candidate) => candidate.id === memberId);
  if (!member) return null;
  const correctedBy = correctionsOf(season.entries);
  const lines = season.entries
    .filter((entry) => entry.memberId === memberId)
    .sort(byDateThenId)
    .map((entry) => {
      const correction = correctedBy.get(entry.id) ?? null;
      return { entry, counts: correction === null, correctedBy: correction?.id ?? null };
    });
  const total = lines.reduce((sum, line) => sum + (line.counts ? line.entry.points : 0), 0);
  return { member, lines, total: twoDecimals(total) };
}
