import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { purgeDemoCompetition } from '../../../db/purge';
import {
  archiveCompetition,
  deleteCompetition,
  duplicateCompetition,
  hasDemoDraw,
} from '../../../db/repository';
import type { CompetitionRecord } from '../../../domain/records';
import { useDatabase } from '../../db-context';
import { useErrorText } from '../../i18n/error-text';
import { useT } from '../../i18n/useT';
import { Link } from '../../router';
import { placeHref } from '../location';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { CompetitionForm } from './CompetitionForm';

export interface CompetitionCardProps {
  competition: CompetitionRecord;
  roundCount: number;
  /** Says what a write did (or why it was refused) in the page's status line. */
  onNotice: (message: string) => void;
}

export function CompetitionCard({ competition, roundCount, onNotice }: CompetitionCardProps) {
  const db = useDatabase();
  const t = useT();
  const errorText = useErrorText();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [busy, setBusy] = useState(false);
  // A demo loaded before competitions carried `demo` is known by its draw's seed.
  const legacyDemo = useLiveQuery(
    async () => !competition.demo && (await hasDemoDraw(db, competition.id)),
    [db, competition.id, competition.demo],
  );
  const isDemo = competition.demo === true || legacyDemo === true;

  const run = async (write: () => Promise<string>) => {
    setBusy(true);
    try {
      onNotice(await write());
    } catch (error) {
      onNotice(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  if (editing) {
    return (
      <li className="org-card">
        <CompetitionForm
          competition={competition}
          onDone={(saved) => {
            setEditing(false);
            onNotice(t('org.competition.saved', { name: saved.name }));
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }

  const details = [competition.date, competition.venue, t('org.competition.rounds', { count: roundCount })]
    .filter(Boolean)
    .join(' · ');

  return (
    <li className={`org-card${competition.archived ? ' org-card--archived' : ''}`}>
      <div className="org-card__main">
        <h2 className="org-card__title">
          <Link to={placeHref({ competitionId: competition.id })}>{competition.name}</Link>
        </h2>
        {isDemo && <span className="org-badge">{t('org.demo.badge')}</span>}
        {competition.archived && <span className="org-badge">{t('org.competition.archivedBadge')}</span>}
        <p className="org-meta">{details}</p>
      </div>
      <div className="org-actions org-actions--compact">
        <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
          {t('org.edit')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() =>
            run(async () => {
              const copy = await duplicateCompetition(db, competition.id);
              return t('org.competition.duplicated', { name: copy.name });
            })
          }
        >
          {t('org.competition.duplicate')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() =>
            run(async () => {
              await archiveCompetition(db, competition.id, !competition.archived);
              return t(competition.archived ? 'org.competition.restored' : 'org.competition.archived', {
                name: competition.name,
              });
            })
          }
        >
          {t(competition.archived ? 'org.competition.restore' : 'org.competition.archive')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setDeleting(true)}>
          {t('org.delete')}
        </button>
      </div>
      {deleting && isDemo && (
        <ConfirmDialog
          title={t('org.demo.purgeTitle', { name: competition.name })}
          confirmLabel={t('org.demo.purgeConfirm')}
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            const wiped = await purgeDemoCompetition(db, competition.id);
            onNotice(t('org.demo.purged', { name: competition.name, events: wiped.events }));
          }}
        >
          <p>{t('org.demo.purgeBody')}</p>
        </ConfirmDialog>
      )}
      {deleting && !isDemo && (
        <ConfirmDialog
          title={t('org.competition.deleteTitle', { name: competition.name })}
          confirmLabel={t('org.competition.deleteConfirm')}
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await deleteCompetition(db, competition.id);
            onNotice(t('org.competition.deleted', { name: competition.name }));
          }}
          instead={
            competition.archived
              ? undefined
              : {
                  label: t('org.competition.archiveInstead'),
                  run: async () => {
                    await archiveCompetition(db, competition.id);
                    onNotice(t('org.competition.archived', { name: competition.name }));
                  },
                }
          }
        >
          <p>{t('org.competition.deleteBody', { count: roundCount })}</p>
        </ConfirmDialog>
      )}
    </li>
  );
}
