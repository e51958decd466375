/**
 * The projector's 总排名: the competition's stage combination from what the host has revealed in
 * each stage round (a contestant not yet revealed in some stage is 评分中), one column per stage
 * and the total: 现场观摩得分 × 40% + 擂台演讲得分 × 60% = 总分. A lazyPart of the projector page.
 */

import type { CSSProperties } from 'react';
import { combinedStandingsOf } from '../../db/queries/combination';
import type { CombinedStandings } from '../../domain/combination';
import type { Id } from '../../domain/model';
import { useT } from '../i18n/useT';
import { useLiveRead } from '../live-read';

const REVEALED = 'revealed' as const;

export function CombinedView({ competitionId }: { competitionId: Id }) {
  const t = useT();
  const read = useLiveRead(combinedStandingsOf, competitionId, REVEALED);
  if (read === undefined) return null;
  const standings = read?.standings ?? null;
  return (
    <section
      className="pj-view pj-board pj-board--groups pj-combined"
      style={{ '--pj-groups': standings?.stages.length ?? 1 } as CSSProperties}
    >
      <header className="pj-board__head">
        <h2 className="pj-title">{t('combo.title')}</h2>
        <div className="pj-board__aside">
          {read && <p className="pj-board__round">{read.competition.name}</p>}
        </div>
      </header>
      {standings === null ? (
        <p className="pj-empty">{t('stage.projector.empty')}</p>
      ) : (
        <CombinedRows standings={standings} />
      )}
    </section>
  );
}

function CombinedRows({ standings }: { standings: CombinedStandings }) {
  const t = useT();
  const formula = standings.stages
    .map((stage) => t('combo.stageWeight', { round: stage.roundName, percent: stage.percent }))
    .join(' + ');
  return (
    <>
      <p className="pj-combined__formula">{`${formula} = ${t('combo.total')}`}</p>
      <p className="pj-board__columns">
        <span />
        <span />
        {standings.stages.map((stage) => (
          <span key={stage.roundId} className="pj-row__group">
            {stage.roundName}
          </span>
        ))}
        <span className="pj-row__score">{t('combo.total')}</span>
        <span />
      </p>
      <ol className="pj-board__rows">
        {standings.ranked.map((row) => (
          <li
            key={row.key}
            className={`pj-row${row.rank !== null && row.rank <= 3 ? ` pj-row--top${row.rank}` : ''}`}
          >
            <span className="pj-row__rank">
              {row.rank}
              {row.tied && <span className="pj-row__tied">{t('stage.projector.tied')}</span>}
            </span>
            <span className="pj-row__who">
              <span className="pj-row__name">{row.name}</span>
              {row.unit && <span className="pj-row__unit">{row.unit}</span>}
            </span>
            {row.parts.map((part) => (
              <span key={part.roundId} className="pj-row__group">
                {part.score}
              </span>
            ))}
            <span className="pj-row__score">{row.score}</span>
            <span className="pj-row__award">{row.award ?? ''}</span>
          </li>
        ))}
        {standings.pending.map((row) => (
          <li key={row.key} className="pj-row pj-row--pending">
            <span className="pj-row__rank">—</span>
            <span className="pj-row__who">
              <span className="pj-row__name">{row.name}</span>
              {row.unit && <span className="pj-row__unit">{row.unit}</span>}
            </span>
            {row.parts.map((part) => (
              <span key={part.roundId} className="pj-row__group">
                {part.score ?? ''}
              </span>
            ))}
            <span className="pj-row__score">{t('stage.projector.pending')}</span>
            <span className="pj-row__award" />
          </li>
        ))}
      </ol>
    </>
  );
}
