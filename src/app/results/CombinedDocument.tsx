/**
 * 总成绩 as a printed sheet, beside the round's documents in the print view: one column per
 * stage and the total, how the total is made, and the chain's head. A lazyPart of the print view.
 */

import { combinedStandingsOf } from '../../db/queries/combination';
import type { Id } from '../../domain/model';
import { CombinedTable } from '../components/CombinedTable';
import { useT } from '../i18n/useT';
import { useLiveRead } from '../live-read';
import { formulaText } from './combined-sheet';

export function CombinedDocument({ competitionId, head }: { competitionId: Id; head: string }) {
  const t = useT();
  const read = useLiveRead(combinedStandingsOf, competitionId);
  if (!read?.standings) return null;
  const { competition, standings } = read;
  return (
    <article className="print-doc">
      <header className="print-doc__header">
        <p className="print-doc__competition">{competition.name}</p>
        <h2>{t('combo.title')}</h2>
        <p className="print-doc__meta">{`${formulaText(standings, t)} = ${t('combo.total')}`}</p>
      </header>
      <CombinedTable standings={standings} className="print-table" />
      <footer className="print-doc__footer">
        <p className="print-head">{t('results.footer.head', { head })}</p>
      </footer>
    </article>
  );
}
