/**
 * The projector's leaderboard rows from the engine's standings: ranked contestants in rank
 * order (ties marked 并列), then those still being scored (评分中), in pages that fit the
 * screen. Pure.
 */

import type { Standings } from '../../domain/engine';
import { type GroupPart, type GroupSettings, groupParts } from '../../domain/group-parts';
import type { Id } from '../../domain/model';
import type { AudienceVoting } from '../../domain/records';

export interface BoardRow {
  id: Id;
  name: string;
  unit: string | null;
  draw: number | null;
  /** Null while pending. */
  rank: number | null;
  tied: boolean;
  score: string | null;
  award: string | null;
  pending: boolean;
  countedJudges: number;
  requiredJudges: number;
  /** Each rater group's score, with groups and when asked for; null otherwise. */
  groups: GroupPart[] | null;
}

/** How the rows show the rater groups: the round's rounding, groups (their order) and audience voting. */
export interface GroupDisplay extends GroupSettings {
  audience?: Pick<AudienceVoting, 'groupId' | 'mode'> | undefined;
}

export function boardRows(standings: Standings, groupDisplay?: GroupDisplay): BoardRow[] {
  return [...standings.ranked, ...standings.pending].map((result) => ({
    id: result.id,
    name: result.name,
    unit: result.unit,
    draw: result.draw,
    rank: result.rank,
    tied: result.tied,
    score: result.announcedScore,
    award: result.award,
    pending: result.pending,
    countedJudges: result.countedJudges,
    requiredJudges: result.requiredJudges,
    groups: groupDisplay ? groupParts(result, groupDisplay, groupDisplay.audience) : null,
  }));
}

/**
 * Rows per page: every size is in vh, so a screen of any resolution and shape holds the same
 * number; a row holds the name with the unit under it, whole, even on a 4:3 screen.
 */
const ROWS_PER_PAGE = 8;
/** With rater groups a row of column headings (专家评委, 大众评审, 总分) takes one row's place. */
export const ROWS_PER_PAGE_WITH_GROUPS = 7;

export function pageCount(rows: number, perPage = ROWS_PER_PAGE): number {
  return Math.max(1, Math.ceil(rows / perPage));
}

export function pageRows<T>(rows: readonly T[], page: number, perPage = ROWS_PER_PAGE): T[] {
  const start = (page % pageCount(rows.length, perPage)) * perPage;
  return rows.slice(start, start + perPage);
}

export interface AwardGroup {
  name: string;
  winners: BoardRow[];
}

/** The award tiers in order, each with its winners in rank order; tiers nobody won are left out. */
export function awardGroups(tierNames: readonly string[], rows: readonly BoardRow[]): AwardGroup[] {
  return tierNames
    .map((name) => ({ name, winners: rows.filter((row) => row.award === name) }))
    .filter((group) => group.winners.length > 0);
}

/** One tier on an awards screen, or part of a tier too large for one screen. */
export interface AwardSection {
  name: string;
  winners: BoardRow[];
  part: number;
  parts: number;
}

/** What one screen of the awards holds, in lines of two winners; a tier's heading takes two. */
const AWARD_LINES_PER_SLIDE = 7;
const HEADING_LINES = 2;

const linesOf = (section: AwardSection) => HEADING_LINES + Math.ceil(section.winners.length / 2);

/**
 * The awards, tier after tier, packed into screens: as many tiers as fit on one screen, and a
 * tier too large for a screen split over several (1/2, 2/2).
 */
export function awardSlides(groups: readonly AwardGroup[], lines = AWARD_LINES_PER_SLIDE): AwardSection[][] {
  const perSection = 2 * (lines - HEADING_LINES);
  const sections = groups.flatMap((group) => {
    const parts = Math.ceil(group.winners.length / perSection);
    return Array.from({ length: parts }, (_, part) => ({
      name: group.name,
      winners: group.winners.slice(part * perSection, (part + 1) * perSection),
      part: part + 1,
      parts,
    }));
  });
  const slides: AwardSection[][] = [];
  let used = lines;
  for (const section of sections) {
    if (used + linesOf(section) > lines) {
      slides.push([]);
      used = 0;
    }
    slides.at(-1)?.push(section);
    used += linesOf(section);
  }
  return slides;
}
