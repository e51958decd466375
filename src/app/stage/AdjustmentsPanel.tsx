/** 加分 / 扣分 for the contestant in focus: each with its label and reason; revoked with a reason, never erased. */

import { type FormEvent, useId, useState } from 'react';
import { addAdjustment, revokeAdjustment } from '../../db/repository';
import { formatHundredths, parseHundredths } from '../../domain/decimal';
import { type AdjustmentRow, isAdjustmentActive } from '../../domain/events';
import type { Hundredths } from '../../domain/model';
import type { ContestantRecord } from '../../domain/records';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';
import { StageDialog } from './StageDialog';

type Kind = 'bonus' | 'deduction';

interface Draft {
  kind: Kind;
  label: string;
  points: Hundredths;
  reason: string;
}

/** The points typed, as hundredths above 0, or null when that is not what was typed. */
export function parsePoints(text: string): Hundredths | null {
  const parsed = parseHundredths(text);
  return parsed.ok && parsed.value > 0 ? parsed.value : null;
}

export function AdjustmentsPanel({
  roundId,
  contestant,
  adjustments,
}: {
  roundId: string;
  contestant: ContestantRecord;
  adjustments: AdjustmentRow[];
}) {
  const t = useT();
  const db = useDatabase();
  const ids = { label: useId(), points: useId(), reason: useId() };
  const [kind, setKind] = useState<Kind>('deduction');
  const [label, setLabel] = useState('');
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<'label' | 'points' | 'reason', string>>>({});
  const [adding, setAdding] = useState<Draft | null>(null);
  const [revoking, setRevoking] = useState<AdjustmentRow | null>(null);
  const mine = adjustments.filter((row) => row.added?.contestantId === contestant.id);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parsePoints(points);
    const found: typeof errors = {};
    if (label.trim() === '') found.label = t('stage.dialog.required', { field: t('stage.adjust.label') });
    if (parsed === null) found.points = t('stage.adjust.pointsInvalid');
    if (reason.trim() === '') found.reason = t('stage.dialog.required', { field: t('stage.adjust.reason') });
    setErrors(found);
    if (parsed === null || Object.keys(found).length > 0) return;
    setAdding({ kind, label: label.trim(), points: parsed, reason: reason.trim() });
  };

  return (
    <section className="host-card host-adjust" aria-labelledby="host-adjust-title">
      <h3 id="host-adjust-title">{t('stage.adjust.title')}</h3>
      {mine.length === 0 ? (
        <p className="host-note">{t('stage.adjust.none')}</p>
      ) : (
        <ul className="host-adjust__list">
          {mine.map((row) => {
            const added = row.added as NonNullable<AdjustmentRow['added']>;
            const active = isAdjustmentActive(row);
            const entry = t('stage.adjust.entry', {
              label: added.label,
              points: formatHundredths(added.points),
            });
            return (
              <li key={row.adjustmentId} className={active ? '' : 'host-adjust__revoked'}>
                <span>
                  {active ? entry : <s>{entry}</s>} <span className="host-note">{added.reason}</span>
                  {row.revoked && <span className="host-note"> · {row.revoked.reason}</span>}
                </span>
                {active && (
                  <button
                    type="button"
                    className="button button--secondary"
                    aria-label={t('stage.adjust.revokeLabel', { label: added.label })}
                    onClick={() => setRevoking(row)}
                  >
                    {t('stage.adjust.revoke')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <form className="host-adjust__form" onSubmit={submit} noValidate>
        <fieldset className="host-toggle">
          <legend>{t('stage.adjust.kind')}</legend>
          {(['deduction', 'bonus'] as const).map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={kind === option}
              className={`host-toggle__option${kind === option ? ' host-toggle__option--on' : ''}`}
              onClick={() => setKind(option)}
            >
              {t(option === 'bonus' ? 'stage.adjust.bonus' : 'stage.adjust.deduction')}
            </button>
          ))}
        </fieldset>
        <div className="stage-field">
          <label htmlFor={ids.label}>{t('stage.adjust.label')}</label>
          <input
            id={ids.label}
            value={label}
            placeholder={t('stage.adjust.labelHint')}
            aria-invalid={Boolean(errors.label)}
            aria-describedby={errors.label ? `${ids.label}-error` : undefined}
            onChange={(event) => setLabel(event.target.value)}
          />
          {errors.label && (
            <p id={`${ids.label}-error`} className="stage-error">
              {errors.label}
            </p>
          )}
        </div>
        <div className="stage-field">
          <label htmlFor={ids.points}>{t('stage.adjust.points')}</label>
          <input
            id={ids.points}
            value={points}
            inputMode="decimal"
            aria-invalid={Boolean(errors.points)}
            aria-describedby={errors.points ? `${ids.points}-error` : undefined}
            onChange={(event) => setPoints(event.target.value)}
          />
          {errors.points && (
            <p id={`${ids.points}-error`} className="stage-error">
              {errors.points}
            </p>
          )}
        </div>
        <div className="stage-field">
          <label htmlFor={ids.reason}>{t('stage.adjust.reason')}</label>
          <input
            id={ids.reason}
            value={reason}
            aria-invalid={Boolean(errors.reason)}
            aria-describedby={errors.reason ? `${ids.reason}-error` : undefined}
            onChange={(event) => setReason(event.target.value)}
          />
          {errors.reason && (
            <p id={`${ids.reason}-error`} className="stage-error">
              {errors.reason}
            </p>
          )}
        </div>
        <button type="submit" className="button stage-big">
          {t('stage.adjust.add')}
        </button>
      </form>
      {adding && (
        <StageDialog
          title={t('stage.adjust.addTitle', {
            name: contestant.name,
            kind: t(adding.kind === 'bonus' ? 'stage.adjust.bonus' : 'stage.adjust.deduction'),
            points: formatHundredths(adding.points),
          })}
          confirmLabel={t('stage.adjust.add')}
          onConfirm={async () => {
            await addAdjustment(db, {
              roundId,
              contestantId: contestant.id,
              label: adding.label,
              points: adding.kind === 'bonus' ? adding.points : -adding.points,
              reason: adding.reason,
            });
            setLabel('');
            setPoints('');
            setReason('');
          }}
          onClose={() => setAdding(null)}
        >
          <p>{t('stage.adjust.addBody', { label: adding.label, reason: adding.reason })}</p>
        </StageDialog>
      )}
      {revoking?.added && (
        <StageDialog
          title={t('stage.adjust.revokeTitle', {
            label: revoking.added.label,
            points: formatHundredths(revoking.added.points),
          })}
          confirmLabel={t('stage.adjust.revoke')}
          field={{ label: t('stage.adjust.revokeReason'), required: true }}
          onConfirm={async (text) => {
            await revokeAdjustment(db, { adjustmentId: revoking.adjustmentId, reason: text });
          }}
          onClose={() => setRevoking(null)}
        />
      )}
    </section>
  );
}
