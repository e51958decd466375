/**
 * 评委登录: the judge types their 8-digit join code on the keypad (or arrives with ?code= from
 * the QR code), the screen asks "您是 王评委（市委组织部）吗？", and only a "yes" binds the
 * tablet to them.
 *
 * A new tablet knows no judge yet: when the code is not on the device and a venue server
 * served the page, the code is exchanged there for this tablet's token (joinAsJudge), which
 * also brings the judge's rounds onto the tablet (one join serves every round of the
 * competition the judge is assigned to); the question is then asked as usual, and a
 * "no" gives the token back. The server sends tablets the judges without their codes, so the
 * judge it names is looked up by id, not by code.
 */

import { useEffect, useState } from 'react';
import type { LeitaiDB } from '../../db/database';
import {
  assignedRounds,
  bindJudge,
  findJudgesByCode,
  judgeById,
  type KeypadKey,
  RepositoryError,
} from '../../db/repository';
import { isJoinCode, JOIN_CODE_LENGTH } from '../../domain/join-code';
import type { JudgeRecord, RoundRecord } from '../../domain/records';
import { readSession } from '../../sync/session';
import { SyncRefusal } from '../../sync/transport';
import { useDatabase } from '../db-context';
import { useErrorText } from '../i18n/error-text';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/useT';
import { deviceSync, disconnectDevice, joinAsJudge } from '../sync/device-sync';
import { syncFailureMessage } from '../sync/failure-message';
import { JoinCodeBoxes } from './JoinCodeBoxes';
import { Keypad } from './Keypad';
import { renewJudgeKey } from './signing';
import { useHardwareKeys } from './use-hardware-keys';

export interface JoinScreenProps {
  /** From ?code= in the address: prefilled, still confirmed; a six-digit code is outdated. */
  initialCode: string;
  /** The judge this tablet is bound to now, when a QR code for another one was opened. */
  currentJudge: JudgeRecord | null;
  /** Called once bound, or when the judge gives up switching (keeps the current binding). */
  onDone: () => void;
}

type Lookup =
  | { state: 'typing' }
  | { state: 'searching' }
  | { state: 'connecting' }
  | { state: 'found'; judge: JudgeRecord; rounds: RoundRecord[]; joinedAtServer: boolean }
  | { state: 'unknown' }
  | { state: 'ambiguous' }
  | { state: 'refused'; message: Message };

type Message = { key: MessageKey; params?: Record<string, string | number> };

/** What went wrong with the code typed (or brought by the link) so far, if anything. */
function problemWith(lookup: Lookup, code: string, outdatedLink: boolean): Message | null {
  switch (lookup.state) {
    case 'unknown':
      return { key: 'judge.join.unknown', params: { code } };
    case 'ambiguous':
      return { key: 'judge.join.ambiguous', params: { code } };
    case 'refused':
      return lookup.message;
    default:
      // A QR code or link from before codes had eight digits: say so, or the judge would wait.
      return outdatedLink ? { key: 'judge.join.outdatedLink' } : null;
  }
}

/**
 * Gives this tablet a judge token for `judge` (whose code is `code`) unless it already has one,
 * or is the organizer's device (which may write for every judge and must keep its own session).
 */
async function ensureJudgeSession(db: LeitaiDB, judge: JudgeRecord, code: string): Promise<void> {
  if (!deviceSync(db)) return;
  const session = await readSession(db);
  if (session?.role === 'organizer' || session?.judgeId === judge.id) return;
  try {
    await joinAsJudge(code, db);
  } catch (failure) {
    // A server that says no is final. No server in reach must never keep a judge from scoring:
    // the tablet is bound locally, keeps every mark, and joins from the sync panel later.
    if (failure instanceof SyncRefusal) throw failure;
  }
}

export function JoinScreen({ initialCode, currentJudge, onDone }: JoinScreenProps) {
  const t = useT();
  const errorText = useErrorText();
  const db = useDatabase();
  const [code, setCode] = useState(() => (isJoinCode(initialCode) ? initialCode : ''));
  const [outdatedLink, setOutdatedLink] = useState(() => initialCode !== '' && !isJoinCode(initialCode));
  const [lookup, setLookup] = useState<Lookup>({ state: 'typing' });
  const [error, setError] = useState<string | null>(null);

  // All eight digits: look the judge up at once (no extra tap).
  useEffect(() => {
    if (!isJoinCode(code)) {
      setLookup({ state: 'typing' });
      return;
    }
    let cancelled = false;
    setLookup({ state: 'searching' });
    const lookUp = async () => {
      let judges = await findJudgesByCode(db, code);
      let joinedAtServer = false;
      if (judges.length === 0 && deviceSync(db)) {
        if (cancelled) return;
        setLookup({ state: 'connecting' });
        let joined: Awaited<ReturnType<typeof joinAsJudge>>;
        try {
          joined = await joinAsJudge(code, db);
        } catch (failure) {
          if (!cancelled) setLookup({ state: 'refused', message: syncFailureMessage(failure) });
          return;
        }
        joinedAtServer = true;
        const judge = await judgeById(db, joined.judgeId);
        judges = judge ? [judge] : [];
      }
      if (cancelled) return;
      const [judge] = judges;
      if (judges.length > 1) setLookup({ state: 'ambiguous' });
      else if (!judge) setLookup({ state: 'unknown' });
      else setLookup({ state: 'found', judge, rounds: await assignedRounds(db, judge), joinedAtServer });
    };
    void lookUp();
    return () => {
      cancelled = true;
    };
  }, [db, code]);

  const press = (key: KeypadKey) => {
    setError(null);
    setOutdatedLink(false);
    setCode((current) => {
      if (key === 'clear') return '';
      if (key === 'backspace') return current.slice(0, -1);
      if (key === '.' || current.length >= JOIN_CODE_LENGTH) return current;
      return current + key;
    });
  };

  const confirm = async (judge: JudgeRecord) => {
    try {
      await ensureJudgeSession(db, judge, code);
      await bindJudge(db, judge.id);
      await renewJudgeKey(db, judge.id);
      onDone();
    } catch (caught) {
      if (caught instanceof RepositoryError) setError(errorText(caught));
      else {
        const { key, params } = syncFailureMessage(caught);
        setError(t(key, params));
      }
    }
  };

  /** "不是我": forget the code, and give back a token fetched for it. */
  const decline = async (joinedAtServer: boolean) => {
    setCode('');
    if (joinedAtServer) await disconnectDevice(db);
    if (currentJudge) onDone();
  };

  const found = lookup.state === 'found' ? lookup : null;
  useHardwareKeys(found ? null : press, null);

  if (found) {
    const { judge, rounds, joinedAtServer } = found;
    return (
      <div className="page judge-join">
        <h1>{t('role.judge.title')}</h1>
        <section className="judge-join__confirm" aria-labelledby="judge-join-question">
          <p id="judge-join-question" className="judge-join__question">
            {judge.title
              ? t('judge.join.question', { name: judge.name, title: judge.title })
              : t('judge.join.questionNoTitle', { name: judge.name })}
          </p>
          {rounds.length > 0 ? (
            <p className="judge-join__round">
              {t('judge.join.round', { round: rounds.map((round) => round.name).join(' · ') })}
            </p>
          ) : (
            <p className="judge-notice">{t('judge.join.noRound')}</p>
          )}
          {currentJudge && currentJudge.id !== judge.id && (
            <p className="judge-notice">{t('judge.join.replaces', { name: currentJudge.name })}</p>
          )}
          {error && (
            <p className="judge-error" role="alert">
              {error}
            </p>
          )}
          <div className="judge-join__actions">
            <button type="button" className="button judge-big-button" onClick={() => confirm(judge)}>
              {t('judge.join.yes')}
            </button>
            <button
              type="button"
              className="button button--secondary judge-big-button"
              onClick={() => decline(joinedAtServer)}
            >
              {currentJudge ? t('judge.join.keepCurrent', { name: currentJudge.name }) : t('judge.join.no')}
            </button>
          </div>
        </section>
      </div>
    );
  }

  const problem = problemWith(lookup, code, outdatedLink);
  return (
    <div className="page judge-join">
      <h1>{t('role.judge.title')}</h1>
      <div className="judge-join__layout">
        <div className="judge-join__entry">
          <p id="judge-code-label" className="judge-join__prompt">
            {t('judge.join.prompt')}
          </p>
          <JoinCodeBoxes code={code} labelledBy="judge-code-label" />
          {lookup.state === 'connecting' && (
            <p className="judge-notice" role="status">
              {t('judge.join.connecting')}
            </p>
          )}
          {problem && (
            <p className="judge-error" role="alert">
              {t(problem.key, problem.params)}
            </p>
          )}
          <p className="judge-join__help">{t('judge.join.help')}</p>
          {currentJudge && (
            <button type="button" className="button button--secondary judge-big-button" onClick={onDone}>
              {t('judge.join.keepCurrent', { name: currentJudge.name })}
            </button>
          )}
        </div>
        <Keypad
          label={t('judge.join.keypad')}
          onKey={press}
          digitsOnly
          disabled={code.length >= JOIN_CODE_LENGTH ? ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] : []}
        />
      </div>
    </div>
  );
}
