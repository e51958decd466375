/**
 * 大众投票 on the host console and the projector: the round's open window and the contestant's
 * live tally, read live from this device's projection (the votes the venue server wrote reach
 * it by pull), and the countdown by this screen's clock.
 */

import { audienceTallyOf, openVotingOfRound } from '../../db/queries/audience';
import { type AudienceTally, ratingMeanHundredths, supportPercent } from '../../domain/audience';
import { formatHundredths } from '../../domain/decimal';
import type { Id } from '../../domain/model';
import type { AudienceVoting } from '../../domain/records';
import type { MessageKey } from '../i18n/messages';
import type { TFunction } from '../i18n/useT';
import { useLiveRead } from '../live-read';
import { useNow } from './clock';

const NO_TALLY: AudienceTally = { votes: 0, supporters: 0, sum: 0 };

function tallyOrNone(db: Parameters<typeof audienceTallyOf>[0], roundId: Id, contestantId: Id | null) {
  return contestantId === null ? Promise.resolve(NO_TALLY) : audienceTallyOf(db, roundId, contestantId);
}

/** The open window (undefined while loading), its tally and the seconds left by this screen's clock. */
export function useAudienceVoting(roundId: Id) {
  const open = useLiveRead(openVotingOfRound, roundId);
  const tally = useLiveRead(tallyOrNone, roundId, open?.contestantId ?? null) ?? NO_TALLY;
  const now = useNow(open != null, 250);
  const secondsLeft = open ? Math.max(0, Math.ceil((Date.parse(open.deadline) - now) / 1000)) : 0;
  return { open, tally, secondsLeft };
}

/** The tally as the screens say it: 支持率 for support, the mean for a rating; null without votes. */
export function tallyText(
  t: TFunction,
  audience: AudienceVoting,
  tally: AudienceTally,
  keys: { support: MessageKey; mean: MessageKey },
): string | null {
  if (audience.mode === 'support') {
    const percent = supportPercent(tally);
    return percent === null ? null : t(keys.support, { percent });
  }
  const mean = ratingMeanHundredths(tally);
  return mean === null ? null : t(keys.mean, { mean: formatHundredths(mean) });
}
