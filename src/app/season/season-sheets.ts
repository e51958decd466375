/**
 * The season's standings and entries as rows of text, shared by the 公示 print, the .csv and the
 * .xlsx export, so each says exactly the same thing. Every figure is the domain's
 * (src/domain/season.ts); nothing is computed here but the choice of rows.
 */

import type { Hundredths, Id } from '../../domain/model';
import { formatUnits } from '../../domain/rational';
import {
  type CountedEntry,
  countedEntries,
  isInPeriod,
  type Period,
  type Season,
  type SeasonEntry,
  type SeasonStanding,
  type SeasonStandings,
} from '../../domain/season';
import type { TFunction } from '../i18n/useT';
import type { Table } from '../results/sheets';

/** Points with two decimals, as the standings show them: 10 is "10.00". */
export function pointsText(points: Hundredths): string {
  return formatUnits(BigInt(points), 2);
}

/** A person as named on the screens and the 公示: 张三（三工镇）, or the name alone. */
export function personText(person: { name: string; unit: string | null }, t: TFunction): string {
  return person.unit ? t('season.person', { name: person.name, unit: person.unit }) : person.name;
}

/** The rank as shown: 并列2 for a tie. */
export function rankText(row: SeasonStanding, t: TFunction): string {
  return row.tied ? t('season.rank.tied', { rank: row.rank }) : String(row.rank);
}

/** What a tie-break decided, or that the tie stands. */
export function standingNote(row: SeasonStanding, t: TFunction): string {
  if (row.separatedBy === 'competitionPoints') return t('season.note.byCompetitionPoints');
  if (row.separatedBy === 'latestEntry') return t('season.note.byLatestEntry');
  return row.tied ? t('season.note.tied') : '';
}

/** Where an entry's points come from: the placing or award of a round, or the reason given. */
export function sourceText(entry: SeasonEntry, t: TFunction): string {
  const { source } = entry;
  if (source.kind === 'manual') return source.reason;
  return 'placing' in source
    ? t('season.source.placing', { placing: source.placing })
    : t('season.source.award', { award: source.award });
}

/** The member's entries that count in the period, by the date of the entry they stand for. */
export function periodEntriesOf(season: Season, period: Period, memberId: Id): CountedEntry[] {
  return countedEntries(season).filter(
    ({ entry, original }) => entry.memberId === memberId && isInPeriod(period, original.date),
  );
}

/** An entry as a line: a correction says what it replaced. */
export function entryLine(counted: CountedEntry, t: TFunction) {
  const { entry, original } = counted;
  return {
    date: original.date,
    item: original.item,
    source: sourceText(original, t),
    points: pointsText(entry.points),
    note:
      entry === original
        ? ''
        : t('season.note.corrected', {
            date: entry.date,
            points: pointsText(original.points),
            reason: sourceText(entry, t),
          }),
  };
}

export function standingsTable(standings: SeasonStandings, t: TFunction): Table {
  return {
    keys: ['rank', 'name', 'unit', 'points', 'competitionPoints', 'latest', 'entries', 'note'],
    header: [
      t('season.col.rank'),
      t('season.col.name'),
      t('season.col.unit'),
      t('season.col.points'),
      t('season.col.competitionPoints'),
      t('season.col.latest'),
      t('season.col.entries'),
      t('season.col.note'),
    ],
    kinds: ['rank', 'text', 'text', 'decimal', 'decimal', 'text', 'count', 'text'],
    rows: standings.ranked.map((row) => [
      rankText(row, t),
      row.name,
      row.unit ?? '',
      row.points,
      row.competitionPoints,
      row.latestDate,
      String(row.entries),
      standingNote(row, t),
    ]),
  };
}

/** Every counted entry of the period, person by person in the standings' order. */
export function entriesTable(
  season: Season,
  standings: SeasonStandings,
  period: Period,
  t: TFunction,
): Table {
  return {
    keys: ['name', 'unit', 'date', 'item', 'source', 'points', 'note'],
    header: [
      t('season.col.name'),
      t('season.col.unit'),
      t('season.col.date'),
      t('season.col.item'),
      t('season.col.source'),
      t('season.col.points'),
      t('season.col.note'),
    ],
    kinds: ['text', 'text', 'text', 'text', 'text', 'decimal', 'text'],
    rows: standings.ranked.flatMap((row) =>
      periodEntriesOf(season, period, row.memberId).map((counted) => {
        const line = entryLine(counted, t);
        return [row.name, row.unit ?? '', line.date, line.item, line.source, line.points, line.note];
      }),
    ),
  };
}
