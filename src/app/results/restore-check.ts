/**
 * Why a restore was refused when the file's chain is intact but what it records is not what its
 * events give: the words of `leitai verify` (src/cli/messages.ts), on the screen.
 */

import type { Placing, RoundVerdict, SummaryDifference } from '../../domain/backup-verify';
import type { MessageKey } from '../i18n/messages';
import type { TFunction } from '../i18n/useT';

const FIELD_KEYS: Record<SummaryDifference['field'], MessageKey> = {
  id: 'results.backup.diff.field.id',
  name: 'results.backup.diff.field.name',
  date: 'results.backup.diff.field.date',
  venue: 'results.backup.diff.field.venue',
  rounds: 'results.backup.diff.field.rounds',
};

function placingText(placing: Placing | null, t: TFunction): string {
  if (!placing) return t('results.backup.diff.absent');
  if (placing.state === 'ranked') {
    return t('results.backup.diff.ranked', {
      rank: placing.rank ?? '—',
      score: placing.score ?? '—',
      award: placing.award ?? t('results.backup.diff.noAward'),
    });
  }
  return t(placing.state === 'pending' ? 'results.backup.diff.pending' : 'results.backup.diff.excluded');
}

function roundText(verdict: RoundVerdict, t: TFunction): string | null {
  switch (verdict.status) {
    case 'match':
      return null;
    case 'notRecorded':
      return t('results.backup.diff.notRecorded', { name: verdict.roundName });
    case 'notInEvents':
      return t('results.backup.diff.notInEvents', { name: verdict.roundName });
    case 'mismatch': {
      const contestants = verdict.differences.map((difference) =>
        t('results.backup.diff.contestant', {
          name: difference.name,
          recorded: placingText(difference.recorded, t),
          recomputed: placingText(difference.recomputed, t),
        }),
      );
      // A refused round, or a change outside any placing: the round as a whole differs.
      const details = contestants.length > 0 ? contestants.join(t('results.list.separator')) : '—';
      return t('results.backup.diff.round', { name: verdict.roundName, details });
    }
  }
}

/** Every difference, one sentence each: the summary's fields first, then the rounds. */
export function differencesText(
  summary: readonly SummaryDifference[],
  rounds: readonly RoundVerdict[],
  t: TFunction,
): string[] {
  return [
    ...summary.map((difference) =>
      t('results.backup.diff.summary', {
        field: t(FIELD_KEYS[difference.field]),
        recorded: difference.recorded || '—',
        actual: difference.fromEvents || '—',
      }),
    ),
    ...rounds.flatMap((verdict) => roundText(verdict, t) ?? []),
  ];
}
