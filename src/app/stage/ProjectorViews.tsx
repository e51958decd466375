/**
 * The projector's views: waiting before the first call, the contestant on stage, the reveal
 * (公布), the leaderboard and the awards. Display only: nothing here writes. Sizes are in vh,
 * held back by the width where a 4:3 screen needs it (see projector.css), so 16:9, 16:10 and
 * 4:3 screens of any resolution show the same, readable from the back of the hall. While the
 * round's results are provisional, ranks and awards say so (暂定, 目前排名).
 */

import { type CSSProperties, type ReactNode, useRef } from 'react';
import type { ContestantResult, Standings } from '../../domain/engine';
import type { LeitaiEvent } from '../../domain/events';
import { type GroupPart, groupParts } from '../../domain/group-parts';
import type { RoundResultStatus } from '../../domain/provisional';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../domain/records';
import { timerEventOf } from '../../domain/stage';
import { useT } from '../i18n/useT';
import { startedAtMs, useNow } from './clock';
import {
  awardGroups,
  awardSlides,
  boardRows,
  pageCount,
  pageRows,
  ROWS_PER_PAGE_WITH_GROUPS,
} from './leaderboard-rows';
import { ProjectorClock } from './ProjectorClock';
import { REVEAL_COMPLETE, revealProgress, revealSteps } from './reveal-sequence';
import { useFlip } from './use-flip';

/** How long a page of the leaderboard or a slide of the awards stays up. */
export const PAGE_MS = 8000;

/** Before the host's first call: the competition, the round, and 比赛即将开始. */
export function WaitingView({
  competitionName,
  roundName,
}: {
  competitionName: string | null;
  /** The round's name, with its 彩排 badge on a rehearsal. */
  roundName: ReactNode;
}) {
  const t = useT();
  return (
    <section className="pj-view pj-waiting">
      {competitionName && <p className="pj-waiting__competition">{competitionName}</p>}
      <p className="pj-waiting__round">{roundName}</p>
      <p className="pj-waiting__status">{t('stage.projector.empty')}</p>
    </section>
  );
}

/** 暂定 and how many of the round's contestants are revealed, while the results are provisional. */
function ProvisionalNote({ status }: { status: RoundResultStatus }) {
  const t = useT();
  if (status.final) return null;
  return (
    <p className="pj-provisional">
      {t('stage.projector.provisional', { revealed: status.revealed, total: status.total })}
    </p>
  );
}

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

const RANK_KEYS = {
  final: 'stage.projector.rank',
  finalTied: 'stage.projector.tiedRank',
  provisional: 'stage.projector.provisionalRank',
  provisionalTied: 'stage.projector.provisionalTiedRank',
} as const;

export interface RevealViewProps {
  /** The round: its rounding and audience voting say how a group's score reads. */
  round: Pick<RoundRecord, 'settings' | 'audience'>;
  contestant: ContestantRecord;
  judges: JudgeRecord[];
  result: ContestantResult | undefined;
  revealed: boolean;
  /** The round's results are not final yet: the rank is 目前排名 (so far). */
  provisional: boolean;
  /** The `stage.view` event that started this reveal: the sequence runs from it. */
  started: LeitaiEvent<'stage.view'>;
  reducedMotion: boolean;
  /** The host's reveal recorded 评委签名齐全 (`contestant.lock` allSigned): a line under the score. */
  allSigned: boolean;
}

export function RevealView({
  round,
  contestant,
  judges,
  result,
  revealed,
  provisional,
  started,
  reducedMotion,
  allSigned,
}: RevealViewProps) {
  const t = useT();
  const totals = result?.judgeTotals ?? [];
  const now = useNow(revealed && !reducedMotion, 100);
  const progress = reducedMotion
    ? REVEAL_COMPLETE
    : revealProgress(now - startedAtMs(started), revealSteps(result), started.payload.pace);
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
  const parts = groupParts(result, round.settings, round.audience);
  return (
    <section className="pj-view pj-reveal" data-reveal-done={progress.done}>
      <Numbered contestant={contestant} />
      {parts ? (
        <GroupCards parts={parts} shown={shown} />
      ) : (
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
      )}
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
          {allSigned && <span className="pj-final__signed">{t('stage.projector.allSigned')}</span>}
        </p>
        <p
          className={`pj-rank${progress.rankShown ? ' pj-rank--shown' : ''}`}
          aria-hidden={!progress.rankShown}
        >
          {t(RANK_KEYS[`${provisional ? 'provisional' : 'final'}${result.tied ? 'Tied' : ''}`], {
            rank: result.rank ?? '',
          })}
        </p>
      </div>
    </section>
  );
}

/** Each rater group's card in turn: 专家评委 88.35 × 70%, 大众评审 · 支持率 83.3% × 30%. */
function GroupCards({ parts, shown }: { parts: GroupPart[]; shown: number }) {
  const t = useT();
  return (
    <ol className="pj-groups" style={{ gridTemplateColumns: `repeat(${parts.length}, minmax(0, 1fr))` }}>
      {parts.map((part, at) => (
        <li
          key={part.id}
          className={`pj-group${at < shown ? ' pj-group--shown' : ''}`}
          aria-hidden={at >= shown}
          data-group={part.id}
        >
          <span className="pj-group__label">
            {part.support ? t('stage.projector.supportLabel', { label: part.label }) : part.label}
          </span>
          <span className="pj-group__score">{part.score ?? '—'}</span>
          <span className="pj-group__share">{t('stage.projector.groupShare', { share: part.share })}</span>
        </li>
      ))}
    </ol>
  );
}

export function LeaderboardView({
  round,
  standings,
  status,
  caption,
  reducedMotion,
}: {
  /** The round: with rater groups, a column per group beside the final score. */
  round?: Pick<RoundRecord, 'settings' | 'audience'>;
  standings: Standings;
  /** The round's results; omitted: final. */
  status?: RoundResultStatus;
  /** The round's name (with its 彩排 badge on a rehearsal), at the right of the heading. */
  caption?: ReactNode;
  reducedMotion: boolean;
}) {
  const t = useT();
  const list = useRef<HTMLOListElement>(null);
  const groups = round?.settings.groups ?? null;
  const rows = boardRows(
    standings,
    round && groups ? { ...round.settings, audience: round.audience } : undefined,
  );
  const perPage = groups ? ROWS_PER_PAGE_WITH_GROUPS : undefined;
  const pages = pageCount(rows.length, perPage);
  const now = useNow(pages > 1, 1000);
  const page = Math.floor(now / PAGE_MS) % pages;
  const visible = pageRows(rows, page, perPage);
  const version = visible.map((row) => `${row.id}:${row.rank}:${row.score}`).join('|');
  useFlip(list, version, reducedMotion);
  return (
    <section
      className={`pj-view pj-board${groups ? ' pj-board--groups' : ''}`}
      style={groups ? ({ '--pj-groups': groups.length } as CSSProperties) : undefined}
    >
      <header className="pj-board__head">
        <h2 className="pj-title">{t('stage.projector.leaderboard')}</h2>
        {status && <ProvisionalNote status={status} />}
        <div className="pj-board__aside">
          {caption && <p className="pj-board__round">{caption}</p>}
          {pages > 1 && (
            <p className="pj-board__page">{t('stage.projector.page', { page: page + 1, pages })}</p>
          )}
        </div>
      </header>
      {groups && rows.length > 0 && (
        <p className="pj-board__columns">
          <span />
          <span />
          {groups.map((group) => (
            <span key={group.id} className="pj-row__group">
              {group.label}
            </span>
          ))}
          <span className="pj-row__score">{t('stage.projector.finalColumn')}</span>
          <span />
        </p>
      )}
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
              {row.groups?.map((part) => (
                <span key={part.id} className="pj-row__group" data-group={part.id}>
                  {row.pending ? '' : (part.score ?? '—')}
                </span>
              ))}
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
  caption,
  standings,
  status,
  started,
}: {
  round: RoundRecord;
  /** The round's name (with its 彩排 badge on a rehearsal), at the right of the heading. */
  caption: ReactNode;
  standings: Standings;
  status: RoundResultStatus;
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
  const head = (
    <header className="pj-board__head">
      <h2 className="pj-title">{t('stage.projector.awards')}</h2>
      <ProvisionalNote status={status} />
      <div className="pj-board__aside">
        <p className="pj-board__round">{caption}</p>
      </div>
    </header>
  );
  if (!slide) {
    return (
      <section className="pj-view pj-awards">
        {head}
        <p className="pj-empty">{t('stage.projector.noAwards')}</p>
      </section>
    );
  }
  return (
    <section className="pj-view pj-awards">
      {head}
      <div className="pj-awards__slide">
        {slide.map((section) => (
          <div key={`${section.name}/${section.part}`} className="pj-awards__section">
            <h3 className="pj-title pj-awards__tier">
              {section.name}
              {section.parts > 1 &&
                t('stage.projector.awardPart', { part: section.part, parts: section.parts })}
            </h3>
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
      </div>
    </section>
  );
}
