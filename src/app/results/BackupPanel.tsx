import { useLiveQuery } from 'dexie-react-hooks';
import { type ChangeEvent, useId, useState } from 'react';
import { restoreEvents } from '../../db/backup';
import { competitionById } from '../../db/repository';
import type { BackupFile } from '../../domain/backup';
import type { LeitaiEvent } from '../../domain/events';
import { useDatabase } from '../db-context';
import { saveFile } from '../files/download';
import { useErrorText } from '../i18n/error-text';
import type { TFunction } from '../i18n/useT';
import { useT } from '../i18n/useT';
import { localTime } from './audit';
import { type BackupRead, backupText, createBackup, readBackupText } from './backup-file';
import { differencesText } from './restore-check';

type Refusal = Extract<BackupRead, { ok: false }>['refusal'];

/** Why a file was refused, in words; always ends by saying that nothing was changed. */
export function refusalText(refusal: Refusal, t: TFunction): string {
  const reason = (() => {
    switch (refusal.kind) {
      case 'notJson':
        return t('results.backup.refused.notJson');
      case 'foreign':
        return t('results.backup.refused.foreign');
      case 'newerVersion':
        return t('results.backup.refused.newer', { version: refusal.version });
      case 'badShape':
        return t('results.backup.refused.shape', { path: refusal.path, problem: refusal.problem });
      case 'otherCompetition':
        return t('results.backup.refused.otherCompetition', { eventId: refusal.eventId });
      case 'duplicateEvent':
        return t('results.backup.refused.duplicate', { eventId: refusal.eventId });
      case 'brokenChain':
        return t('results.backup.refused.chain', { count: refusal.problems.length });
      case 'resultsDiffer':
        return t('results.backup.refused.results', {
          details: differencesText(refusal.summary, refusal.verdict.rounds, t).join('；'),
        });
    }
  })();
  return `${reason}${t('results.backup.unchanged')}`;
}

const groupedHead = (head: string) => head.match(/.{1,8}/g)?.join(' ') ?? head;

/** 备份与恢复: the whole competition as one file, and a file restored onto this device. */
export function BackupPanel({ competitionId }: { competitionId: string | null }) {
  const db = useDatabase();
  const t = useT();
  const errorText = useErrorText();
  const competition = useLiveQuery(
    async () => (competitionId ? await competitionById(db, competitionId) : null),
    [db, competitionId],
  );
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const [candidate, setCandidate] = useState<{ backup: BackupFile; events: LeitaiEvent[] } | null>(null);
  const [restoring, setRestoring] = useState(false);
  const inputId = useId();

  const download = async () => {
    if (!competition) return;
    setSaving(true);
    setStatus('');
    setError('');
    try {
      const backup = await createBackup(db, competition.id, new Date().toISOString());
      const name = `${competition.name}-${t('results.backup.fileWord')}.json`.replace(
        /[\\/:*?"<>|\s]+/g,
        '_',
      );
      saveFile(new Blob([backupText(backup)], { type: 'application/json' }), name);
      setStatus(
        t('results.backup.saved', {
          file: name,
          events: backup.events.length,
          head: groupedHead(backup.head),
        }),
      );
    } catch (caught) {
      setError(
        t('results.export.failed', { reason: caught instanceof Error ? caught.message : String(caught) }),
      );
    } finally {
      setSaving(false);
    }
  };

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    setStatus('');
    setError('');
    setCandidate(null);
    if (!file) return;
    const read = readBackupText(await file.text());
    if (!read.ok) setError(refusalText(read.refusal, t));
    else setCandidate({ backup: read.backup, events: read.events });
  };

  const restore = async () => {
    if (!candidate) return;
    setRestoring(true);
    try {
      const result = await restoreEvents(db, candidate.events);
      setStatus(
        `${t('results.backup.restored', {
          name: candidate.backup.competition.name,
          applied: result.applied,
          ignored: result.ignored,
        })}${t('results.backup.toSend', { count: result.unsent })}`,
      );
      setCandidate(null);
    } catch (caught) {
      setError(`${errorText(caught)}${t('results.backup.unchanged')}`);
    } finally {
      setRestoring(false);
    }
  };

  return (
    <section className="results-section" aria-labelledby="results-backup-heading">
      <h2 id="results-backup-heading">{t('results.backup.heading')}</h2>
      <p className="results-lead">{t('results.backup.lead')}</p>
      <div className="results-actions">
        {competition && (
          <button type="button" className="button" onClick={download} disabled={saving}>
            {saving ? t('results.export.busy') : t('results.backup.download', { name: competition.name })}
          </button>
        )}
        <label className="results-file" htmlFor={inputId}>
          <span>{t('results.backup.choose')}</span>
          <input id={inputId} type="file" accept=".json,application/json" onChange={choose} />
        </label>
      </div>
      {candidate && (
        <div className="results-restore" aria-live="polite">
          <h3>{t('results.backup.previewHeading')}</h3>
          <dl>
            <dt>{t('results.backup.preview.competition')}</dt>
            <dd>
              {candidate.backup.competition.name}
              {candidate.backup.competition.date ? `（${candidate.backup.competition.date}）` : ''}
            </dd>
            <dt>{t('results.backup.preview.rounds')}</dt>
            <dd>
              {candidate.backup.competition.rounds
                .map((round) => round.name)
                .join(t('results.list.separator')) || '—'}
            </dd>
            <dt>{t('results.backup.preview.events')}</dt>
            <dd>{candidate.backup.events.length}</dd>
            <dt>{t('results.backup.preview.exportedAt')}</dt>
            <dd>{localTime(candidate.backup.exportedAt)}</dd>
            <dt>{t('results.backup.preview.head')}</dt>
            <dd className="results-head">{groupedHead(candidate.backup.head)}</dd>
          </dl>
          <p>{t('results.backup.restoreExplain')}</p>
          <div className="results-actions">
            <button type="button" className="button" onClick={restore} disabled={restoring}>
              {restoring ? t('results.backup.restoring') : t('results.backup.restore')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setCandidate(null)}>
              {t('results.backup.cancel')}
            </button>
          </div>
        </div>
      )}
      <p className="results-status" role="status">
        {status}
      </p>
      {error && (
        <p className="results-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
