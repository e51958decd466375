/**
 * The projector's four views: the contestant on stage, the reveal (公布), the leaderboard and
 * the awards. Display only: nothing here writes. Sizes are in vh (see projector.css), so a
 * 16:9 screen of any resolution shows the same, readable from the back of the hall.
 */

import { useRef } from 'react';
import type { ContestantResult, Standings } from '../../domain/engine';
import type { LeitaiEvent } from '../../domain/events';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../domain/records';
import { timerEventOf } from '../../domain/stage';
import { useT } from '../i18n/useT';
import { startedAtMs, useNow } from './clock';
import { awardGroups, awardSlides, boardRows, pageCount, pageRows } from './leaderboard-rows';
import { ProjectorClock } from './ProjectorClock';
import { REVEAL_COMPLETE, revealProgress } from './reveal-sequence';
import { useFlip } from './use-flip';

/** How long a page of the leaderboard or a slide of the awards stays up. */
export const PAGE_MS = 8000;

function Numbered({
  contestant,
}: {
  contestant: { draw: number | null; name: string; unit: string | null };
}) {
  const t = useT();
  return (
    <header className="pj-who">
      {contestant.draw !== null && (
        <p className="pj-who__draw">{t('stage.projector.draw', { draw: contestant.draw })}</p>
      )}
      <p className="pj-who__name">{contestant.name}</p>
      {contestant.unit && <p className="pj-who__unit">{contestant.unit}</p>}
    </header>
  );
}

export function ContestantView({
  round,
  contestant,
  events,
}: {
  round: RoundRecord;
  contestant: ContestantRecord;
  events: LeitaiEvent[];
}) {
  return (
    <section className="pj-view pj-contestant">
      <Numbered contestant={contestant} />
      {contestant.topic && <p className="pj-contestant__topic">「{contestant.topic}」</p>}
      <ProjectorClock timer={timerEventOf(events, contestant.id)} limitSeconds={round.timeLimitSeconds} />
    </section>
  );
}

export interface RevealViewProps {
  contestant: ContestantRecord;
  judges: JudgeRecord[];
  result: ContestantResult | undefined;
  revealed: boolean;
  /** The `stage.view` event that started this reveal: the sequence runs from it. */
  started: LeitaiEvent<'stage.view'>;
  reducedMotion: boolean;
}

export function RevealView({
  contestant,
  judges,
  result,
  revealed,
  started,
  reducedMotion,
}: RevealViewProps) {
  const t = useT();
  const totals = result?.judgeTotals ?? [];
  const now = useNow(revealed && !reducedMotion, 100);
  const progress = reducedMotion
    ? REVEAL_COMPLETE
    : revealProgress(now - startedAtMs(started), totals.length, started.payload.pace);
  if (!revealed || !result || result.pending) {
    return (
      <section className="pj-view pj-reveal">
        <Numbered contestant={contestant} />
        <p className="pj-reveal__waiting">{t('stage.projector.notRevealed')}</p>
      </section>
    );
  }
  // In the panel's order, as the judges sit.
  const ordered = judges.flatMap((judge, at) => {
    const total = totals.find((candidate) => candidate.judge === judge.id);
    return total ? [{ total, order: at + 1 }] : [];
  });
  const shown = progress.totalsShown;
  return (
    <section className="pj-view pj-reveal" data-reveal-done={progress.done}>
      <Numbered contestant={contestant} />
      <ol
        className="pj-totals"
        style={{ gridTemplateColumns: `repeat(${Math.min(ordered.length, 7)}, 1fr)` }}
      >
        {ordered.map(({ total, order }, at) => {
          const struck = progress.struck && total.dropped !== null;
          return (
            <li
              key={total.judge}
              className={`pj-total${at < shown ? ' pj-total--shown' : ''}${struck ? ' pj-total--dropped' : ''}`}
              aria-hidden={at >= shown}
            >
              <span className="pj-total__judge">{t('stage.projector.judgeTotal', { order })}</span>
              <span className="pj-total__value">{struck ? <s>{total.shown}</s> : total.shown}</span>
              {struck && <span className="pj-total__dropped">{t('stage.projector.dropped')}</span>}
            </li>
          );
        })}
      </ol>
      {progress.struck && result.adjustments.length > 0 && (
        <p className="pj-reveal__adjustments">
          {result.adjustments.map((adjustment) => t('stage.projector.adjustment', adjustment)).join('　')}
        </p>
      )}
      <div className="pj-reveal__result">
        <p
          className={`pj-final${progress.finalShown ? ' pj-final--shown' : ''}`}
          aria-hidden={!progress.finalShown}
        >
          <span className="pj-final__label">{t('stage.projector.finalScore')}</span>
          <span className="pj-final__score">{result.announcedScore}</span>
        </p>
        <p
          className={`pj-rank${progress.rankShown ? ' pj-rank--shown' : ''}`}
          aria-hidden={!progress.rankShown}
        >
          {result.tied
            ? t('stage.projector.tiedRank', { rank: result.rank ?? '' })
            : t('stage.projector.rank', { rank: result.rank ?? '' })}
        </p>
      </div>
    </section>
  );
}

export function LeaderboardView({
  standings,
  reducedMotion,
}: {
  standings: Standings;
  reducedMotion: boolean;
}) {
  const t = useT();
  const list = useRef<HTMLOListElement>(null);
  const rows = boardRows(standings);
  const pages = pageCount(rows.length);
  const now = useNow(pages > 1, 1000);
  const page = Math.floor(now / PAGE_MS) % pages;
  const visible = pageRows(rows, page);
  const version = visible.map((row) => `${row.id}:${row.rank}:${row.score}`).join('|');
  useFlip(list, version, reducedMotion);
  return (
    <section className="pj-view pj-board">
      <header className="pj-board__head">
        <h2 className="pj-title">{t('stage.projector.leaderboard')}</h2>
        {pages > 1 && (
          <p className="pj-board__page">{t('stage.projector.page', { page: page + 1, pages })}</p>
        )}
      </header>
      {rows.length === 0 ? (
        <p className="pj-empty">{t('stage.projector.empty')}</p>
      ) : (
        <ol ref={list} className="pj-board__rows">
          {visible.map((row) => (
            <li
              key={row.id}
              data-flip-key={row.id}
              className={`pj-row${row.pending ? ' pj-row--pending' : ''}${row.rank !== null && row.rank <= 3 ? ` pj-row--top${row.rank}` : ''}`}
            >
              <span className="pj-row__rank">
                {row.rank ?? '—'}
                {row.tied && <span className="pj-row__tied">{t('stage.projector.tied')}</span>}
              </span>
              <span className="pj-row__who">
                <span className="pj-row__name">{row.name}</span>
                {row.unit && <span className="pj-row__unit">{row.unit}</span>}
              </span>
              <span className="pj-row__score">{row.pending ? t('stage.projector.pending') : row.score}</span>
              <span className="pj-row__award">{row.award ?? ''}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function AwardsView({
  round,
  standings,
  started,
}: {
  round: RoundRecord;
  standings: Standings;
  started: LeitaiEvent<'stage.view'> | null;
}) {
  const t = useT();
  const slides = awardSlides(
    awardGroups(
      round.settings.awards.map((tier) => tier.name),
      boardRows(standings),
    ),
  );
  const now = useNow(slides.length > 1, 1000);
  // From the first tier when the host switches to the awards.
  const since = started ? now - startedAtMs(started) : 0;
  const slide = slides[Math.floor(since / PAGE_MS) % Math.max(1, slides.length)];
  if (!slide) {
    return (
      <section className="pj-view pj-awards">
        <h2 className="pj-title">{t('stage.projector.awards')}</h2>
        <p className="pj-empty">{t('stage.projector.noAwards')}</p>
      </section>
    );
  }
  return (
    <section className="pj-view pj-awards">
      {slide.map((section) => (
        <div key={`${section.name}/${section.part}`} className="pj-awards__section">
          <h2 className="pj-title pj-awards__tier">
            {section.name}
            {section.parts > 1 &&
              t('stage.projector.awardPart', { part: section.part, parts: section.parts })}
          </h2>
          <ol className="pj-awards__winners">
            {section.winners.map((winner) => (
              <li key={winner.id} className="pj-winner">
                <span className="pj-winner__name">{winner.name}</span>
                <span className="pj-winner__unit">{winner.unit ?? ''}</span>
                <span className="pj-winner__score">{winner.score}</span>
              </li>
            ))}
          </ol>
        </div>
      ))}
    </section>
  );
}
