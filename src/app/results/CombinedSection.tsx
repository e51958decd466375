/**
 * 总成绩 on the results screen, when the competition has a combination: one column per stage and
 * the total, live from the stage rounds' standings, with its .csv and .xlsx exports. A lazyPart
 * of the results page.
 */

import { useState } from 'react';
import { combinedStandingsOf } from '../../db/queries/combination';
import { describeCombinationIssue } from '../../domain/combination-issues';
import type { Id } from '../../domain/model';
import { CombinedTable } from '../components/CombinedTable';
import { saveFile } from '../files/download';
import { useUiStore } from '../i18n/language';
import { useT } from '../i18n/useT';
import { useLiveRead } from '../live-read';
import { combinedCsv, combinedXlsx } from './combined-sheet';

export function CombinedSection({ competitionId }: { competitionId: Id }) {
  const t = useT();
  const lang = useUiStore((state) => state.lang);
  const read = useLiveRead(combinedStandingsOf, competitionId);
  const [status, setStatus] = useState('');
  if (!read) return null;
  const { competition, standings, refusal } = read;
  const save = async (kind: 'csv' | 'xlsx') => {
    if (!standings) return;
    const file = `${competition.name}-${t('combo.file')}.${kind}`.replace(/[\\/:*?"<>|\s]+/g, '_');
    try {
      saveFile(
        kind === 'csv'
          ? combinedCsv(competition, standings, t)
          : await combinedXlsx(competition, standings, t),
        file,
      );
      setStatus(t('combo.exported', { file }));
    } catch (error) {
      setStatus(t('combo.exportFailed', { reason: error instanceof Error ? error.message : String(error) }));
    }
  };
  return (
    <section className="results-section" aria-labelledby="results-combined-heading">
      <h2 id="results-combined-heading">{t('combo.title')}</h2>
      {refusal && (
        <p className="results-error">
          {t('combo.refused', {
            issues: refusal.map((found) => describeCombinationIssue(found, lang)).join('；'),
          })}
        </p>
      )}
      {standings && (
        <>
          <CombinedTable standings={standings} className="results-table" />
          <div className="results-actions">
            <button type="button" className="button button--secondary" onClick={() => save('xlsx')}>
              {t('combo.exportXlsx')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => save('csv')}>
              {t('combo.exportCsv')}
            </button>
          </div>
          <p className="results-status" role="status">
            {status}
          </p>
        </>
      )}
    </section>
  );
}
