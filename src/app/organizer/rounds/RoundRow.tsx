import { type FormEvent, useState } from 'react';
import { deleteRound, updateRound } from '../../../db/repository';
import type { RoundRecord } from '../../../domain/records';
import { useDatabase } from '../../db-context';
import { useErrorText } from '../../i18n/error-text';
import { useT } from '../../i18n/useT';
import { Link } from '../../router';
import { placeHref } from '../location';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { MoveButtons } from '../ui/MoveButtons';
import { TextField } from '../ui/TextField';
import type { RoundFacts } from './round-summary';

export interface RoundRowProps {
  round: RoundRecord;
  facts: RoundFacts | undefined;
  onMoveUp: (() => Promise<void>) | null;
  onMoveDown: (() => Promise<void>) | null;
  onNotice: (message: string) => void;
}

export function RoundRow({ round, facts, onMoveUp, onMoveDown, onNotice }: RoundRowProps) {
  const db = useDatabase();
  const t = useT();
  const errorText = useErrorText();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(round.name);
  const [nameError, setNameError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const saved = await updateRound(db, round.id, { name });
      setRenaming(false);
      setNameError(null);
      onNotice(t('org.round.renamed', { name: saved.name }));
    } catch (error) {
      setNameError(errorText(error));
    }
  };

  const summary = [
    t('org.round.criteriaCount', { count: round.criteria.length }),
    t('org.round.judgesCount', { count: facts?.judges ?? 0 }),
    t('org.round.contestantsCount', { count: facts?.contestants ?? 0 }),
  ];
  if (facts && facts.marks === 0) summary.push(t('org.round.notStarted'));
  else if (facts?.progress) summary.push(t('org.round.progress', { ...facts.progress }));

  return (
    <li className="org-round">
      {renaming ? (
        <form className="org-inline-form" onSubmit={rename}>
          <TextField
            label={t('org.round.name')}
            value={name}
            onChange={setName}
            error={nameError}
            autoFocus
          />
          <div className="org-actions">
            <button type="submit" className="button">
              {t('org.save')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setRenaming(false);
                setName(round.name);
                setNameError(null);
              }}
            >
              {t('org.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="org-round__main">
          <h3>
            <Link to={placeHref({ competitionId: round.competitionId, roundId: round.id })}>
              {round.name}
            </Link>
          </h3>
          <p className="org-meta">{summary.join(' · ')}</p>
        </div>
      )}
      {!renaming && (
        <div className="org-actions org-actions--compact">
          <button type="button" className="button button--secondary" onClick={() => setRenaming(true)}>
            {t('org.rename')}
          </button>
          <MoveButtons
            name={round.name}
            first={!onMoveUp}
            last={!onMoveDown}
            onMove={(by) => (by < 0 ? onMoveUp : onMoveDown)?.()}
          />
          <button type="button" className="button button--secondary" onClick={() => setDeleting(true)}>
            {t('org.delete')}
          </button>
        </div>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('org.round.deleteTitle', { name: round.name })}
          confirmLabel={t('org.round.deleteConfirm')}
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await deleteRound(db, round.id);
            onNotice(t('org.round.deleted', { name: round.name }));
          }}
        >
          <p>
            {t('org.round.deleteBody', { judges: facts?.judges ?? 0, contestants: facts?.contestants ?? 0 })}
          </p>
        </ConfirmDialog>
      )}
    </li>
  );
}
