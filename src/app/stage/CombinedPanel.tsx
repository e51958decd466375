/**
 * The host's 总排名 card, for a competition with a stage combination: after each reveal, the
 * combined ranking of what has been revealed (as the projector's 总排名 view shows it) and the
 * sentence to read out for the contestant in focus, naming each stage's part. A lazyPart of the
 * host console.
 */

import { combinedStandingsOf } from '../../db/queries/combination';
import type { Id } from '../../domain/model';
import { combinedReadout } from '../../domain/readout-combination';
import { CombinedTable } from '../components/CombinedTable';
import { useUiStore } from '../i18n/language';
import { useT } from '../i18n/useT';
import { useLiveRead } from '../live-read';

const REVEALED = 'revealed' as const;

export function CombinedPanel({
  competitionId,
  contestantId,
}: {
  competitionId: Id;
  contestantId: Id | null;
}) {
  const t = useT();
  const lang = useUiStore((state) => state.lang);
  const read = useLiveRead(combinedStandingsOf, competitionId, REVEALED);
  const standings = read?.standings;
  if (!standings) return null;
  const focused = standings.ranked.find((row) =>
    row.parts.some((part) => part.contestantId === contestantId),
  );
  const readout = focused ? combinedReadout(focused, lang) : null;
  return (
    <section className="host-card host-combined" aria-labelledby="host-combined-title">
      <h3 id="host-combined-title">{t('combo.title')}</h3>
      {readout && <p className="host-readout__sentence">{readout}</p>}
      <CombinedTable standings={standings} className="org-table" />
    </section>
  );
}
