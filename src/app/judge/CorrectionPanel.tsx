/**
 * A submitted sheet is locked. 申请修改 asks the host to reopen it, with a reason picked from
 * buttons (an optional note may be typed); the panel then shows the request waiting, refused
 * (with the host's reason) or, once approved, the sheet reopens for editing (ScoreSheet).
 */

import { useState } from 'react';
import { requestCorrection, type SheetRef } from '../../db/repository';
import type { CorrectionRow } from '../../domain/events';
import { ModalDialog } from '../components/ModalDialog';
import { useDatabase } from '../db-context';
import { useErrorText } from '../i18n/error-text';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/useT';
import { LockIcon } from './LockIcon';

const REASONS: readonly MessageKey[] = [
  'judge.correction.reason.typo',
  'judge.correction.reason.wrongCriterion',
  'judge.correction.reason.reconsider',
  'judge.correction.reason.other',
];

export interface CorrectionPanelProps {
  sheet: SheetRef;
  correction: CorrectionRow | undefined;
}

export function CorrectionPanel({ sheet, correction }: CorrectionPanelProps) {
  const t = useT();
  const pending = correction?.request && correction.decision === null;
  const refused = correction?.decision?.approved === false ? correction.decision : null;
  const [asking, setAsking] = useState(false);

  return (
    <div className="judge-lock">
      <p className="judge-lock__title">
        <LockIcon />
        {t('judge.sheet.locked')}
      </p>
      <p>{t('judge.sheet.lockedHelp')}</p>
      {pending ? (
        <p className="judge-notice" role="status">
          {t('judge.correction.pending', { reason: correction.request?.reason ?? '' })}
        </p>
      ) : (
        <>
          {refused && (
            <p className="judge-notice judge-notice--refused" role="status">
              {t('judge.correction.refused', { reason: refused.reason })}
            </p>
          )}
          <button
            type="button"
            className="button button--secondary judge-big-button"
            onClick={() => setAsking(true)}
          >
            {refused ? t('judge.correction.askAgain') : t('judge.correction.ask')}
          </button>
        </>
      )}
      {asking && <CorrectionDialog sheet={sheet} onClose={() => setAsking(false)} />}
    </div>
  );
}

function CorrectionDialog({ sheet, onClose }: { sheet: SheetRef; onClose: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  const db = useDatabase();
  const [reason, setReason] = useState<MessageKey | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  const send = async () => {
    if (!reason) {
      setError(t('judge.correction.pickReason'));
      return;
    }
    const text = note.trim() === '' ? t(reason) : `${t(reason)}：${note.trim()}`;
    try {
      await requestCorrection(db, { ...sheet, reason: text });
      onClose();
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  return (
    <ModalDialog
      title={t('judge.correction.title')}
      onCancel={onClose}
      className="judge-dialog judge-dialog--correction"
    >
      <fieldset className="judge-reasons">
        <legend>{t('judge.correction.why')}</legend>
        {REASONS.map((key) => (
          <button
            type="button"
            key={key}
            className="judge-reason"
            aria-pressed={reason === key}
            onClick={() => {
              setReason(key);
              setError(null);
            }}
          >
            {t(key)}
          </button>
        ))}
      </fieldset>
      <label className="judge-note">
        <span>{t('judge.correction.note')}</span>
        <input type="text" maxLength={100} value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
      {error && (
        <p className="judge-error" role="alert">
          {error}
        </p>
      )}
      <div className="judge-dialog__actions">
        <button type="button" className="button judge-big-button" onClick={send}>
          {t('judge.correction.send')}
        </button>
        <button type="button" className="button button--secondary judge-big-button" onClick={onClose}>
          {t('judge.cancel')}
        </button>
      </div>
    </ModalDialog>
  );
}
