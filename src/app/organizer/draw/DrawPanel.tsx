/**
 * 抽签: the order of appearance. The seed's fingerprint is shown before the draw, the seed after
 * it, so that anyone can check that the seed was fixed in advance and re-run the shuffle. Only
 * contestants with the status 参赛 are drawn; withdrawn and disqualified ones get no place.
 * The draw and every manual move afterwards are recorded in the round's log.
 */
import { useState } from 'react';
import { RepositoryError, recordDraw, reorderManually } from '../../../db/repository';
import { drawOrder, seedFingerprint } from '../../../domain/draw';
import type { LeitaiEvent } from '../../../domain/events';
import type { Id } from '../../../domain/model';
import type { ContestantRecord } from '../../../domain/records';
import { useDatabase } from '../../db-context';
import { useT } from '../../i18n/useT';
import { useUiStore } from '../../store';
import { useContestants, useRound } from '../people/queries';
import { STATUS_LABELS } from '../people/status';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { type OrderEvent, useOrderEvents } from './queries';
import { FINGERPRINT_SHOWN, groupDigits, MAX_SEED_LENGTH, newDrawSeed } from './seed';
import './draw.css';

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

  const write = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setRefusal(null);
    try {
      await work();
      setStatus(done);
    } catch (error) {
      if (!(error instanceof RepositoryError)) throw error;
      setRefusal(error.message);
    } finally {
      setBusy(false);
    }
  };

  const move = (index: number, by: -1 | 1) => {
    const order = lineup.map((contestant) => contestant.id);
    const moved = order[index];
    const other = order[index + by];
    if (moved === undefined || other === undefined) return;
    order[index + by] = moved;
    order[index] = other;
    const name = lineup[index]?.name ?? '';
    return write(
      () => reorderManually(db, roundId, order),
      t('people.draw.moved', { name, place: index + by + 1 }),
    );
  };

  const draw = (seed: string, fingerprint: string) =>
    write(
      () =>
        recordDraw(db, roundId, {
          seed,
          seedFingerprint: fingerprint,
          order: drawOrder(
            active.map((contestant) => contestant.id),
            seed,
          ),
        }),
      t('people.draw.recorded', { count: active.length }),
    );

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
        <Lineup lineup={lineup} leftOut={leftOut} busy={busy} onMove={move} hasEvents={events.length > 0} />
        <div className="draw-panel__side">
          {latestDraw && (
            <DrawRecord draw={latestDraw} manualAfter={events.slice(events.indexOf(latestDraw) + 1).length} />
          )}
          <DrawBox activeCount={active.length} latestDraw={latestDraw} busy={busy} onDraw={draw} />
          {events.length > 0 && <History events={events} />}
        </div>
      </div>
    </section>
  );
}

interface LineupProps {
  lineup: readonly ContestantRecord[];
  leftOut: readonly ContestantRecord[];
  busy: boolean;
  hasEvents: boolean;
  onMove: (index: number, by: -1 | 1) => void;
}

function Lineup({ lineup, leftOut, busy, hasEvents, onMove }: LineupProps) {
  const t = useT();
  return (
    <div className="draw-lineup">
      <h3>{t('people.draw.lineupHeading')}</h3>
      {lineup.length === 0 ? (
        <p className="people-empty">{t('people.draw.noContestants')}</p>
      ) : (
        <ol className="draw-lineup__list" aria-label={t('people.draw.lineupHeading')}>
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
        <p className="field__hint">
          {hasEvents ? t('people.draw.waitingAfterDraw') : t('people.draw.waiting')}
        </p>
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
  busy: boolean;
  onDraw: (seed: string, fingerprint: string) => Promise<void>;
}

/** Choosing the seed, showing its fingerprint, and the draw itself. */
function DrawBox({ activeCount, latestDraw, busy, onDraw }: DrawBoxProps) {
  const t = useT();
  const formatTime = useFormatTime();
  const [source, setSource] = useState<'generated' | 'typed'>('generated');
  const [generated, setGenerated] = useState(newDrawSeed);
  const [typed, setTyped] = useState('');
  const [confirming, setConfirming] = useState(false);
  // After a draw, the next seed's fingerprint stays out of sight until a redraw is prepared:
  // beside the result, a second fingerprint would only be confused with the first.
  const [preparing, setPreparing] = useState(false);
  const seed = source === 'generated' ? generated : typed.trim();
  const seedProblem =
    source === 'typed' && seed.length > MAX_SEED_LENGTH
      ? t('people.draw.seedTooLong', { max: MAX_SEED_LENGTH })
      : null;
  const fingerprint = seed !== '' && !seedProblem ? seedFingerprint(seed) : null;

  const start = async () => {
    if (!fingerprint) return;
    await onDraw(seed, fingerprint);
    // A seed serves one draw: a later draw gets a new one, with a new fingerprint.
    setGenerated(newDrawSeed());
    setTyped('');
    setPreparing(false);
  };

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

  return (
    <div className="draw-box">
      <h3>{latestDraw ? t('people.draw.redrawHeading') : t('people.draw.drawHeading')}</h3>
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
      {fingerprint ? (
        <div className="draw-fingerprint" data-testid="draw-fingerprint">
          <p className="draw-fingerprint__ask">{t('people.draw.writeDown')}</p>
          <p className="draw-fingerprint__short">{groupDigits(fingerprint.slice(0, FINGERPRINT_SHOWN))}</p>
          <p className="draw-fingerprint__full">
            {t('people.draw.fullFingerprint')} <code>{groupDigits(fingerprint, 8)}</code>
          </p>
        </div>
      ) : (
        source === 'typed' && <p className="field__hint">{t('people.draw.typeSeedFirst')}</p>
      )}
      {activeCount === 0 && <p className="field__hint">{t('people.draw.nobodyToDraw')}</p>}
      <button
        type="button"
        className="button button--gold draw-box__start"
        disabled={busy || !fingerprint || activeCount === 0}
        onClick={() => (latestDraw ? setConfirming(true) : start())}
      >
        {latestDraw ? t('people.draw.redraw') : t('people.draw.start')}
      </button>
      {confirming && latestDraw && (
        <ConfirmDialog
          title={t('people.draw.redrawTitle')}
          confirmLabel={t('people.draw.redrawConfirm')}
          onConfirm={start}
          onClose={() => setConfirming(false)}
        >
          <p>{t('people.draw.redrawBody', { time: formatTime(latestDraw.recordedAt) })}</p>
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

function History({ events }: { events: readonly OrderEvent[] }) {
  const t = useT();
  const formatTime = useFormatTime();
  return (
    <div className="draw-history">
      <h3>{t('people.draw.historyHeading')}</h3>
      <ol>
        {events.map((event) => (
          <li key={event.id}>
            <span className="draw-history__time">{formatTime(event.recordedAt)}</span>{' '}
            {event.type === 'draw.record'
              ? t('people.draw.historyDraw', {
                  fingerprint: groupDigits(event.payload.seedFingerprint.slice(0, FINGERPRINT_SHOWN)),
                  count: event.payload.order.length,
                })
              : t('people.draw.historyManual')}
          </li>
        ))}
      </ol>
    </div>
  );
}
