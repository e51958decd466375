import { type ChangeEvent, useState } from 'react';
import type { Season } from '../../domain/season';
import type { BackupSource } from '../../domain/season-import';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';
import { useSeasonErrorText } from './issues-text';

type Outcome = { kind: 'done'; lines: string[] } | { kind: 'refused'; text: string };

/**
 * 导入备份: the season built or extended from competitions' backup files (made on the results
 * screen of each laptop): each verified, every final round posted. The same files again add
 * nothing, and the screen says so.
 */
export function ImportView({ season }: { season: Season }) {
  const db = useDatabase();
  const t = useT();
  const errorText = useSeasonErrorText();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    if (files.length === 0) return;
    setBusy(true);
    setOutcome(null);
    try {
      const sources: BackupSource[] = [];
      const unreadable: string[] = [];
      for (const file of files) {
        try {
          sources.push({ name: file.name, value: JSON.parse(await file.text()) as unknown });
        } catch {
          unreadable.push(file.name);
        }
      }
      if (unreadable.length > 0) {
        setOutcome({
          kind: 'refused',
          text: t('season.import.notJson', { files: unreadable.join(t('season.listSeparator')) }),
        });
        return;
      }
      // Verifying backups needs the engine and the backup checks: loaded only now.
      const { importBackupsIntoSeason } = await import('../../db/season-import');
      const result = await importBackupsIntoSeason(db, season.id, sources);
      const provisional = result.rounds.filter((round) => round.outcome === 'provisional');
      setOutcome({
        kind: 'done',
        lines: [
          result.entries === 0 && result.members === 0
            ? t('season.import.nothingNew', { files: files.length })
            : t('season.import.added', { entries: result.entries, members: result.members }),
          ...result.rounds
            .filter((round) => round.outcome === 'posted')
            .map((round) =>
              t('season.import.posted', { round: `${round.competitionName} · ${round.roundName}` }),
            ),
          ...provisional.map((round) =>
            t('season.import.provisional', { round: `${round.competitionName} · ${round.roundName}` }),
          ),
        ],
      });
    } catch (refusal) {
      setOutcome({ kind: 'refused', text: errorText(refusal) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="season-import-heading">
      <h2 id="season-import-heading">{t('season.tab.import')}</h2>
      <p className="season-hint">{t('season.import.explain')}</p>
      <label className="season-field">
        <span>{t('season.import.choose')}</span>
        <input type="file" accept=".json,application/json" multiple onChange={choose} disabled={busy} />
      </label>
      {busy && <p className="loading">{t('season.import.busy')}</p>}
      {outcome?.kind === 'done' && (
        <ul className="season-status" role="status" aria-label={t('season.import.result')}>
          {outcome.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {outcome?.kind === 'refused' && (
        <p className="season-error" role="alert">
          {outcome.text}
        </p>
      )}
    </section>
  );
}
