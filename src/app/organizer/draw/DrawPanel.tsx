/**
 * 抽签: the order of appearance. The seed is fixed (committed to the round's log) the moment its
 * fingerprint is first shown, and the draw uses that seed, so the fingerprint announced before
 * the draw is the one anyone can check afterwards, whatever reloads or devices came between.
 * Only contestants with the status 参赛 are drawn; withdrawn and disqualified ones get no place.
 * Every commit, draw and manual move is recorded in the round's log.
 */
import { useState } from 'react';
import {
  commitDrawSeed,
  drawWithCommittedSeed,
  openDrawCommit,
  RepositoryError,
  reorderManually,
} from '../../../db/repository';
import { drawOrder, MAX_SEED_LENGTH, seedFingerprint } from '../../../domain/draw';
import type { LeitaiEvent } from '../../../domain/events';
import type { Id } from '../../../domain/model';
import type { ContestantRecord } from '../../../domain/records';
import { useDatabase } from '../../db-context';
import { useUiStore } from '../../i18n/language';
import type { MessageKey } from '../../i18n/messages';
import { type TFunction, useT } from '../../i18n/useT';
import { useContestants, useRound } from '../people/queries';
import { STATUS_LABELS } from '../people/status';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { movedBy } from '../ui/moved-by';
import { type OrderEvent, useOrderEvents } from './queries';
import { FINGERPRINT_SHOWN, groupDigits, newDrawSeed } from './seed';
import './draw.css';
import { useErrorText } from '../../i18n/error-text';

/** The order of appearance: placed contestants by place, then active ones still without a place. */
function lineupOf(contestants: readonly ContestantRecord[]): ContestantRecord[] {
  const placed = contestants
    .filter((contestant) => contestant.draw !== null)
    .sort((a, b) => (a.draw ?? 0) - (b.draw ?? 0));
  const waiting = contestants.filter(
    (contestant) => contestant.draw === null && contestant.status === 'active',
  );
  return [...placed, ...waiting];
}

function useFormatTime(): (iso: string) => string {
  const lang = useUiStore((state) => state.lang);
  const format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' });
  return (iso) => format.format(new Date(iso));
}

export function DrawPanel({ roundId }: { roundId: Id }) {
  const t = useT();
  const errorText = useErrorText();
  const db = useDatabase();
  const round = useRound(roundId);
  const contestants = useContestants(roundId);
  const events = useOrderEvents(roundId);
  const [status, setStatus] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (round === undefined || contestants === undefined || events === undefined) {
    return <p className="loading">{t('app.loading')}</p>;
  }
  if (round === null) return <p role="alert">{t('people.roundMissing')}</p>;

  const lineup = lineupOf(contestants);
  const active = contestants.filter((contestant) => contestant.status === 'active');
  const leftOut = contestants.filter(
    (contestant) => contestant.draw === null && contestant.status !== 'active',
  );
  const draws = events.filter((event): event is LeitaiEvent<'draw.record'> => event.type === 'draw.record');
  const latestDraw = draws[draws.length - 1];
  const commit = openDrawCommit(events);
  const orderSource: OrderSource = !contestants.some((contestant) => contestant.draw !== null)
    ? 'none'
    : events.some((event) => event.type !== 'draw.commit')
      ? 'recorded'
      : 'imported';

  const write = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setRefusal(null);
    try {
      await work();
      setStatus(done);
    } catch (error) {
      if (!(error instanceof RepositoryError)) throw error;
      setRefusal(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const move = (index: number, by: -1 | 1) => {
    if (lineup[index + by] === undefined) return;
    const order = movedBy(
      lineup.map((contestant) => contestant.id),
      index,
      by,
    );
    const name = lineup[index]?.name ?? '';
    return write(
      () => reorderManually(db, roundId, order),
      t('people.draw.moved', { name, place: index + by + 1 }),
    );
  };

  const commitSeed = (seed: string) =>
    write(
      () => commitDrawSeed(db, roundId, seed),
      t('people.draw.committed', {
        fingerprint: groupDigits(seedFingerprint(seed).slice(0, FINGERPRINT_SHOWN)),
      }),
    );

  const draw = () =>
    write(() => drawWithCommittedSeed(db, roundId), t('people.draw.recorded', { count: active.length }));

  return (
    <section className="draw-panel" aria-labelledby="draw-heading">
      <h2 id="draw-heading">{t('people.draw.heading')}</h2>
      <p className="people-status" role="status">
        {status}
      </p>
      {refusal && (
        <p className="draw-panel__refusal" role="alert">
          {refusal}
        </p>
      )}
      <div className="draw-panel__columns">
        <Lineup
          lineup={lineup}
          leftOut={leftOut}
          busy={busy}
          onMove={move}
          orderSource={orderSource}
          drawn={latestDraw !== undefined}
        />
        <div className="draw-panel__side">
          {latestDraw && (
            <DrawRecord
              draw={latestDraw}
              manualAfter={
                events.slice(events.indexOf(latestDraw) + 1).filter((event) => event.type === 'order.manual')
                  .length
              }
            />
          )}
          <DrawBox
            activeCount={active.length}
            latestDraw={latestDraw}
            commit={commit}
            replacesOrder={orderSource !== 'none'}
            busy={busy}
            onCommit={commitSeed}
            onDraw={draw}
          />
          {events.length > 0 && <History events={events} />}
        </div>
      </div>
    </section>
  );
}

/** Where the round's order comes from: nowhere yet, an import's 出场顺序 column, or the log. */
type OrderSource = 'none' | 'imported' | 'recorded';

const LINEUP_HEADINGS = {
  none: 'people.draw.lineupUnordered',
  imported: 'people.draw.lineupImported',
  recorded: 'people.draw.lineupHeading',
} as const satisfies Record<OrderSource, MessageKey>;

interface LineupProps {
  lineup: readonly ContestantRecord[];
  leftOut: readonly ContestantRecord[];
  busy: boolean;
  orderSource: OrderSource;
  drawn: boolean;
  onMove: (index: number, by: -1 | 1) => void;
}

function Lineup({ lineup, leftOut, busy, orderSource, drawn, onMove }: LineupProps) {
  const t = useT();
  const heading = t(LINEUP_HEADINGS[orderSource]);
  return (
    <div className="draw-lineup">
      <h3>{heading}</h3>
      {lineup.length === 0 ? (
        <p className="people-empty">{t('people.draw.noContestants')}</p>
      ) : (
        <ol className="draw-lineup__list" aria-label={heading}>
          {lineup.map((contestant, index) => (
            <li key={contestant.id} className="draw-lineup__item">
              <span className="draw-lineup__place">{contestant.draw ?? t('people.draw.noPlace')}</span>
              <span className="draw-lineup__name">
                {contestant.name}
                {contestant.unit && <span className="draw-lineup__unit">{contestant.unit}</span>}
                {contestant.status !== 'active' && (
                  <span className={`badge badge--${contestant.status}`}>
                    {t(STATUS_LABELS[contestant.status])}
                  </span>
                )}
              </span>
              <span className="draw-lineup__moves">
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={busy || index === 0}
                  onClick={() => onMove(index, -1)}
                  aria-label={t('people.moveUpOf', { name: contestant.name })}
                  title={t('people.moveUp')}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={busy || index === lineup.length - 1}
                  onClick={() => onMove(index, 1)}
                  aria-label={t('people.moveDownOf', { name: contestant.name })}
                  title={t('people.moveDown')}
                >
                  ↓
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      {lineup.some((contestant) => contestant.draw === null) && (
        <p className="field__hint">{drawn ? t('people.draw.waitingAfterDraw') : t('people.draw.waiting')}</p>
      )}
      <p className="field__hint">{t('people.draw.manualNote')}</p>
      {leftOut.length > 0 && (
        <p className="draw-lineup__left-out">
          {t('people.draw.leftOut', {
            names: leftOut
              .map((contestant) => `${contestant.name}（${t(STATUS_LABELS[contestant.status])}）`)
              .join('、'),
          })}
        </p>
      )}
    </div>
  );
}

interface DrawBoxProps {
  activeCount: number;
  latestDraw: LeitaiEvent<'draw.record'> | undefined;
  /** The seed fixed for the next draw, its fingerprint shown; null before one is. */
  commit: LeitaiEvent<'draw.commit'> | null;
  /** The round has an order (drawn, imported or set by hand) that the draw would replace. */
  replacesOrder: boolean;
  busy: boolean;
  onCommit: (seed: string) => Promise<void>;
  onDraw: () => Promise<void>;
}

/** Fixing the seed (its fingerprint shown from then on), and the draw with it. */
function DrawBox({ activeCount, latestDraw, commit, replacesOrder, busy, onCommit, onDraw }: DrawBoxProps) {
  const t = useT();
  // After a draw, choosing the next seed waits until a redraw is prepared: beside the result,
  // a second fingerprint would only be confused with the first.
  const [preparing, setPreparing] = useState(false);
  const heading = latestDraw ? t('people.draw.redrawHeading') : t('people.draw.drawHeading');

  if (commit) {
    return (
      <CommittedDraw
        heading={heading}
        commit={commit}
        activeCount={activeCount}
        latestDraw={latestDraw}
        replacesOrder={replacesOrder}
        busy={busy}
        onDraw={async () => {
          await onDraw();
          setPreparing(false);
        }}
      />
    );
  }
  if (latestDraw && !preparing) {
    return (
      <div className="draw-box">
        <h3>{t('people.draw.redrawHeading')}</h3>
        <p className="field__hint">{t('people.draw.redrawHint')}</p>
        <button type="button" className="button button--secondary" onClick={() => setPreparing(true)}>
          {t('people.draw.prepareRedraw')}
        </button>
      </div>
    );
  }
  return <SeedChoice heading={heading} activeCount={activeCount} busy={busy} onCommit={onCommit} />;
}

/** Before a commit: a generated or an agreed seed, fixed with its fingerprint in one step. */
function SeedChoice({
  heading,
  activeCount,
  busy,
  onCommit,
}: {
  heading: string;
  activeCount: number;
  busy: boolean;
  onCommit: (seed: string) => Promise<void>;
}) {
  const t = useT();
  const [source, setSource] = useState<'generated' | 'typed'>('generated');
  const [typed, setTyped] = useState('');
  const seed = typed.trim();
  const seedProblem =
    source === 'typed' && seed.length > MAX_SEED_LENGTH
      ? t('people.draw.seedTooLong', { max: MAX_SEED_LENGTH })
      : null;
  const ready = source === 'generated' || (seed !== '' && !seedProblem);

  return (
    <div className="draw-box">
      <h3>{heading}</h3>
      <p>{t('people.draw.explain')}</p>
      <p className="field__hint">{t('people.draw.whoIsDrawn')}</p>
      <fieldset className="draw-box__source">
        <legend>{t('people.draw.seedSource')}</legend>
        <label>
          <input
            type="radio"
            name="draw-seed-source"
            checked={source === 'generated'}
            onChange={() => setSource('generated')}
          />
          {t('people.draw.seedGenerated')}
        </label>
        <label>
          <input
            type="radio"
            name="draw-seed-source"
            checked={source === 'typed'}
            onChange={() => setSource('typed')}
          />
          {t('people.draw.seedTyped')}
        </label>
      </fieldset>
      {source === 'typed' && (
        <div className={`field${seedProblem ? ' field--invalid' : ''}`}>
          <label htmlFor="draw-seed">{t('people.draw.seedLabel')}</label>
          <input
            id="draw-seed"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
            aria-invalid={seedProblem ? true : undefined}
            aria-describedby={seedProblem ? 'draw-seed-hint draw-seed-error' : 'draw-seed-hint'}
          />
          <p id="draw-seed-hint" className="field__hint">
            {t('people.draw.seedTypedHint')}
          </p>
          {seedProblem && (
            <p id="draw-seed-error" className="field__error">
              {seedProblem}
            </p>
          )}
        </div>
      )}
      {source === 'typed' && seed === '' && <p className="field__hint">{t('people.draw.typeSeedFirst')}</p>}
      {activeCount === 0 && <p className="field__hint">{t('people.draw.nobodyToDraw')}</p>}
      <p className="field__hint">{t('people.draw.commitHint')}</p>
      <button
        type="button"
        className="button button--gold draw-box__start"
        disabled={busy || !ready || activeCount === 0}
        onClick={() => onCommit(source === 'generated' ? newDrawSeed() : seed)}
      >
        {t('people.draw.commit')}
      </button>
    </div>
  );
}

interface CommittedDrawProps {
  heading: string;
  commit: LeitaiEvent<'draw.commit'>;
  activeCount: number;
  latestDraw: LeitaiEvent<'draw.record'> | undefined;
  replacesOrder: boolean;
  busy: boolean;
  onDraw: () => Promise<void>;
}

/** The committed fingerprint, to be written down or photographed, and the draw that uses it. */
function CommittedDraw({
  heading,
  commit,
  activeCount,
  latestDraw,
  replacesOrder,
  busy,
  onDraw,
}: CommittedDrawProps) {
  const t = useT();
  const formatTime = useFormatTime();
  const [confirming, setConfirming] = useState(false);
  const fingerprint = commit.payload.seedFingerprint;
  return (
    <div className="draw-box">
      <h3>{heading}</h3>
      <div className="draw-fingerprint" data-testid="draw-fingerprint">
        <p className="draw-fingerprint__ask">{t('people.draw.writeDown')}</p>
        <p className="draw-fingerprint__short">{groupDigits(fingerprint.slice(0, FINGERPRINT_SHOWN))}</p>
        <p className="draw-fingerprint__full">
          {t('people.draw.fullFingerprint')} <code>{groupDigits(fingerprint, 8)}</code>
        </p>
      </div>
      <p className="field__hint">{t('people.draw.committedAt', { time: formatTime(commit.recordedAt) })}</p>
      <p className="field__hint">{t('people.draw.whoIsDrawn')}</p>
      {activeCount === 0 && <p className="field__hint">{t('people.draw.nobodyToDraw')}</p>}
      <button
        type="button"
        className="button button--gold draw-box__start"
        disabled={busy || activeCount === 0}
        onClick={() => (replacesOrder ? setConfirming(true) : onDraw())}
      >
        {latestDraw ? t('people.draw.redraw') : t('people.draw.start')}
      </button>
      {confirming && (
        <ConfirmDialog
          title={latestDraw ? t('people.draw.redrawTitle') : t('people.draw.replaceTitle')}
          confirmLabel={latestDraw ? t('people.draw.redrawConfirm') : t('people.draw.replaceConfirm')}
          onConfirm={onDraw}
          onClose={() => setConfirming(false)}
        >
          <p>
            {latestDraw
              ? t('people.draw.redrawBody', { time: formatTime(latestDraw.recordedAt) })
              : t('people.draw.replaceBody')}
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** The latest draw, its seed revealed, and a re-run anyone can ask for. */
function DrawRecord({ draw, manualAfter }: { draw: LeitaiEvent<'draw.record'>; manualAfter: number }) {
  const t = useT();
  const formatTime = useFormatTime();
  const [check, setCheck] = useState<'same' | 'different' | null>(null);
  const { seed, seedFingerprint: fingerprint, order } = draw.payload;

  const rerun = () => {
    const same =
      seedFingerprint(seed) === fingerprint &&
      drawOrder(order, seed).every((id, index) => id === order[index]);
    setCheck(same ? 'same' : 'different');
  };

  return (
    <div className="draw-record" data-testid="draw-record">
      <h3>{t('people.draw.resultHeading')}</h3>
      <dl>
        <dt>{t('people.draw.recordedAt')}</dt>
        <dd>{formatTime(draw.recordedAt)}</dd>
        <dt>{t('people.draw.seed')}</dt>
        <dd>
          <code className="draw-record__seed">{seed}</code>
        </dd>
        <dt>{t('people.draw.fingerprint')}</dt>
        <dd>
          <strong className="draw-record__short">
            {groupDigits(fingerprint.slice(0, FINGERPRINT_SHOWN))}
          </strong>
          <code className="draw-record__full">{groupDigits(fingerprint, 8)}</code>
        </dd>
        <dt>{t('people.draw.drawnCount')}</dt>
        <dd>{order.length}</dd>
      </dl>
      <p className="field__hint">{t('people.draw.howToCheck')}</p>
      {manualAfter > 0 && (
        <p className="field__hint">{t('people.draw.changedAfter', { count: manualAfter })}</p>
      )}
      <button type="button" className="button button--secondary" onClick={rerun}>
        {t('people.draw.rerun')}
      </button>
      <p role="status" className={check === 'different' ? 'draw-record__mismatch' : 'draw-record__match'}>
        {check === 'same' && t('people.draw.rerunSame')}
        {check === 'different' && t('people.draw.rerunDifferent')}
      </p>
    </div>
  );
}

function historyText(event: OrderEvent, t: TFunction): string {
  switch (event.type) {
    case 'draw.commit':
      return t('people.draw.historyCommit', {
        fingerprint: groupDigits(event.payload.seedFingerprint.slice(0, FINGERPRINT_SHOWN)),
      });
    case 'draw.record':
      return t('people.draw.historyDraw', {
        fingerprint: groupDigits(event.payload.seedFingerprint.slice(0, FINGERPRINT_SHOWN)),
        count: event.payload.order.length,
      });
    case 'order.manual':
      return t('people.draw.historyManual');
  }
}

function History({ events }: { events: readonly OrderEvent[] }) {
  const t = useT();
  const formatTime = useFormatTime();
  return (
    <div className="draw-history">
      <h3>{t('people.draw.historyHeading')}</h3>
      <ol>
        {events.map((event) => (
          <li key={event.id}>
            <span className="draw-history__time">{formatTime(event.recordedAt)}</span> {historyText(event, t)}
          </li>
        ))}
      </ol>
    </div>
  );
}
