import { type FormEvent, useState } from 'react';
import { type CriterionDraft, type RoundPatch, roundById, updateRound } from '../../../db/repository';
import { formatHundredths, parseHundredths } from '../../../domain/decimal';
import type { Criterion } from '../../../domain/model';
import type { RoundRecord } from '../../../domain/records';
import { useDatabase } from '../../db-context';
import { useErrorText } from '../../i18n/error-text';
import { useT } from '../../i18n/useT';
import { useLiveRead } from '../../live-read';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { MoveButtons } from '../ui/MoveButtons';
import { movedBy } from '../ui/moved-by';
import { TextField } from '../ui/TextField';
import { CriterionForm } from './CriterionForm';

/** Full mark when the round does not say: 100. */
const DEFAULT_FULL_MARK = 10000;

export function CriteriaPanel({ roundId }: { roundId: string }) {
  const t = useT();
  const round = useLiveRead(roundById, roundId);
  if (round === undefined) return <p className="loading">{t('app.loading')}</p>;
  if (round === null) return <p className="org-error">{t('org.round.missing')}</p>;
  return <CriteriaEditor round={round} />;
}

type Editing = { mode: 'add' } | { mode: 'edit'; criterion: Criterion } | null;
type Status = { kind: 'saved'; message: string } | { kind: 'refused'; message: string } | null;

function CriteriaEditor({ round }: { round: RoundRecord }) {
  const db = useDatabase();
  const t = useT();
  const errorText = useErrorText();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Criterion | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const criteria = round.criteria;
  const pointsTotal = criteria.reduce((sum, criterion) => sum + criterion.points, 0);
  const fullMark = round.fullMark ?? DEFAULT_FULL_MARK;

  /** One write, one commit; the message only once it is saved. */
  const write = async (patch: RoundPatch, savedMessage: string): Promise<boolean> => {
    try {
      await updateRound(db, round.id, patch);
      setStatus({ kind: 'saved', message: savedMessage });
      return true;
    } catch (error) {
      setStatus({ kind: 'refused', message: errorText(error) });
      return false;
    }
  };

  const move = (at: number, by: -1 | 1) =>
    write(
      { criteria: movedBy(criteria, at, by) },
      t('org.criteria.moved', { label: criteria[at]?.label ?? '' }),
    );

  return (
    <section aria-labelledby="org-criteria-heading" className="org-criteria">
      <div className="org-title-row">
        <h2 id="org-criteria-heading">{t('org.criteria.heading')}</h2>
        {editing === null && (
          <button type="button" className="button" onClick={() => setEditing({ mode: 'add' })}>
            {t('org.criteria.add')}
          </button>
        )}
      </div>
      <p className="org-hint">{t('org.criteria.explain')}</p>

      <table className="org-table">
        <caption className="visually-hidden">{t('org.criteria.caption', { name: round.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('org.criteria.position')}</th>
            <th scope="col">{t('org.criteria.label')}</th>
            <th scope="col" className="org-number">
              {t('org.criteria.max')}
            </th>
            <th scope="col" className="org-number">
              {t('org.criteria.points')}
            </th>
            <th scope="col" className="org-number">
              {t('org.criteria.step')}
            </th>
            <th scope="col">{t('org.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {criteria.map((criterion, at) => (
            <tr key={criterion.id}>
              <td>{at + 1}</td>
              <th scope="row">{criterion.label}</th>
              <td className="org-number">{formatHundredths(criterion.max)}</td>
              <td className="org-number">{formatHundredths(criterion.points)}</td>
              <td className="org-number">{formatHundredths(criterion.step)}</td>
              <td>
                <div className="org-actions org-actions--compact">
                  <MoveButtons
                    name={criterion.label}
                    first={at === 0}
                    last={at === criteria.length - 1}
                    onMove={(by) => move(at, by)}
                  />
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => setEditing({ mode: 'edit', criterion })}
                    aria-label={t('org.editNamed', { name: criterion.label })}
                  >
                    {t('org.edit')}
                  </button>
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => setDeleting(criterion)}
                    aria-label={t('org.deleteNamed', { name: criterion.label })}
                  >
                    {t('org.delete')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td />
            <th scope="row">{t('org.criteria.total')}</th>
            <td />
            <td className="org-number">
              <strong>{formatHundredths(pointsTotal)}</strong>
            </td>
            <td colSpan={2} />
          </tr>
        </tfoot>
      </table>

      {round.settings.groups ? (
        // With rater groups the final is out of the groups' weights, whatever the points add up to.
        <p className="org-hint">
          {t('org.groups.fullMark', {
            total: formatHundredths(round.settings.groups.reduce((sum, group) => sum + group.weight, 0)),
            parts: round.settings.groups
              .map((group) => `${group.label} ${formatHundredths(group.weight)}`)
              .join(' + '),
          })}
        </p>
      ) : (
        <>
          <SumCheck pointsTotal={pointsTotal} fullMark={fullMark} />
          <FullMarkForm
            fullMark={fullMark}
            onSave={(value) =>
              write({ fullMark: value }, t('org.criteria.fullMarkSaved', { value: formatHundredths(value) }))
            }
          />
        </>
      )}

      <p className="org-status" role="status">
        {status?.kind === 'saved' && <strong className="org-saved">{status.message}</strong>}
      </p>
      {status?.kind === 'refused' && (
        <p className="org-error" role="alert">
          {status.message}
        </p>
      )}

      {editing && (
        <CriterionForm
          key={editing.mode === 'edit' ? editing.criterion.id : 'add'}
          criterion={editing.mode === 'edit' ? editing.criterion : undefined}
          others={criteria.filter((each) => editing.mode === 'add' || each.id !== editing.criterion.id)}
          onSubmit={async (draft) => {
            const next: CriterionDraft[] =
              editing.mode === 'edit'
                ? criteria.map((each) => (each.id === editing.criterion.id ? draft : each))
                : [...criteria, draft];
            const saved = await write(
              { criteria: next },
              t(editing.mode === 'edit' ? 'org.criteria.edited' : 'org.criteria.added', {
                label: draft.label,
              }),
            );
            if (saved) setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('org.criteria.deleteTitle', { label: deleting.label })}
          confirmLabel={t('org.criteria.deleteConfirm')}
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            // A tie-break on the deleted criterion goes with it, in the same write.
            const step = `criterion:${deleting.id}`;
            await updateRound(db, round.id, {
              criteria: criteria.filter((each) => each.id !== deleting.id),
              settings: {
                ...round.settings,
                tieBreak: round.settings.tieBreak.filter((each) => each !== step),
              },
            });
            setStatus({ kind: 'saved', message: t('org.criteria.deleted', { label: deleting.label }) });
          }}
        >
          <p>{t('org.criteria.deleteBody')}</p>
          {round.settings.tieBreak.includes(`criterion:${deleting.id}`) && (
            <p>{t('org.criteria.deleteTieBreak', { label: deleting.label })}</p>
          )}
        </ConfirmDialog>
      )}
    </section>
  );
}

function SumCheck({ pointsTotal, fullMark }: { pointsTotal: number; fullMark: number }) {
  const t = useT();
  const total = formatHundredths(pointsTotal);
  const full = formatHundredths(fullMark);
  if (pointsTotal === fullMark) {
    return <p className="org-check-ok">{t('org.criteria.sumOk', { total })}</p>;
  }
  const difference = formatHundredths(Math.abs(fullMark - pointsTotal));
  return (
    <p className="org-warning" role="alert">
      {t(pointsTotal < fullMark ? 'org.criteria.sumLow' : 'org.criteria.sumHigh', {
        total,
        full,
        difference,
      })}
    </p>
  );
}

function FullMarkForm({
  fullMark,
  onSave,
}: {
  fullMark: number;
  onSave: (value: number) => Promise<boolean>;
}) {
  const t = useT();
  const [text, setText] = useState(formatHundredths(fullMark));
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseHundredths(text);
    if (!parsed.ok || parsed.value <= 0) {
      setError(t('org.criteria.fullMarkInvalid', { value: text.trim() }));
      return;
    }
    setError(null);
    await onSave(parsed.value);
  };
  return (
    <form className="org-inline-form org-full-mark" onSubmit={submit} noValidate>
      <TextField
        label={t('org.criteria.fullMark')}
        value={text}
        onChange={setText}
        error={error}
        hint={t('org.criteria.fullMarkHint')}
        inputMode="decimal"
        className="org-field--narrow"
      />
      <button type="submit" className="button button--secondary">
        {t('org.criteria.fullMarkSave')}
      </button>
    </form>
  );
}
