import { useId } from 'react';
import { useT } from '../../i18n/useT';
import { MoveButtons } from '../ui/MoveButtons';
import { movedBy } from '../ui/moved-by';
import { TextField } from '../ui/TextField';
import { type AwardKind, type AwardRow, type FieldErrors, newAwardRow } from './settings-form';

export interface AwardsEditorProps {
  rows: readonly AwardRow[];
  onChange: (rows: AwardRow[]) => void;
  errors: FieldErrors;
}

const KINDS: readonly AwardKind[] = ['count', 'percent', 'rest'];

/** The award tiers in order (一等奖 first), each by a number of places, a percent, or the rest. */
export function AwardsEditor({ rows, onChange, errors }: AwardsEditorProps) {
  const t = useT();
  const replace = (at: number, change: Partial<AwardRow>) =>
    onChange(rows.map((row, index) => (index === at ? { ...row, ...change } : row)));
  const move = (at: number, by: -1 | 1) => onChange(movedBy(rows, at, by));

  return (
    <fieldset className="org-choices">
      <legend>{t('org.settings.awards')}</legend>
      <p className="org-hint">{t('org.settings.awardsExplain')}</p>
      {rows.length === 0 && <p className="org-empty-line">{t('org.settings.awardsNone')}</p>}
      <ol className="org-awards">
        {rows.map((row, at) => (
          <AwardLine
            key={row.key}
            row={row}
            position={at + 1}
            errors={errors}
            first={at === 0}
            last={at === rows.length - 1}
            onChange={(change) => replace(at, change)}
            onMove={(by) => move(at, by)}
            onRemove={() => onChange(rows.filter((_, index) => index !== at))}
          />
        ))}
      </ol>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => onChange([...rows, newAwardRow()])}
      >
        {t('org.settings.awardAdd')}
      </button>
      {errors.awards && <p className="org-error">{errors.awards}</p>}
    </fieldset>
  );
}

interface AwardLineProps {
  row: AwardRow;
  position: number;
  errors: FieldErrors;
  first: boolean;
  last: boolean;
  onChange: (change: Partial<AwardRow>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

function AwardLine({ row, position, errors, first, last, onChange, onMove, onRemove }: AwardLineProps) {
  const t = useT();
  const kindId = useId();
  const at = position - 1;
  const named = row.name.trim() || t('org.settings.awardNumber', { n: position });
  return (
    <li className="org-award">
      <TextField
        label={t('org.settings.awardName', { n: position })}
        value={row.name}
        onChange={(name) => onChange({ name })}
        error={errors[`award.${at}.name`]}
      />
      <div className="org-field">
        <label htmlFor={kindId}>{t('org.settings.awardKind')}</label>
        <select
          id={kindId}
          value={row.kind}
          onChange={(event) => onChange({ kind: event.target.value as AwardKind })}
        >
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`org.settings.awardKind.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      {row.kind === 'rest' ? (
        <span />
      ) : (
        <TextField
          label={t(row.kind === 'count' ? 'org.settings.awardCount' : 'org.settings.awardPercent')}
          value={row.value}
          onChange={(value) => onChange({ value })}
          error={errors[`award.${at}.value`]}
          inputMode={row.kind === 'count' ? 'numeric' : 'decimal'}
        />
      )}
      <div className="org-actions org-actions--compact org-award__actions">
        <MoveButtons name={named} first={first} last={last} onMove={onMove} />
        <button
          type="button"
          className="button button--secondary"
          onClick={onRemove}
          aria-label={t('org.removeNamed', { name: named })}
        >
          {t('org.remove')}
        </button>
      </div>
      {errors[`award.${at}`] && <p className="org-error org-award__error">{errors[`award.${at}`]}</p>}
    </li>
  );
}
