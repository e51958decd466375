import { useId } from 'react';
import type { Criterion, Id } from '../../../domain/model';
import { useT } from '../../i18n/useT';
import { TextField } from '../ui/TextField';
import { blankGroupRow, type GroupPanelChoice, type GroupRow } from './groups-form';
import type { FieldErrors } from './settings-form';

export interface GroupsEditorProps {
  on: boolean;
  rows: readonly GroupRow[];
  roundEachGroup: boolean;
  /** The sheet the groups mark: the round's, with the audience's criterion as the form says. */
  criteria: readonly Criterion[];
  /** The audience group and its criterion, while 大众投票 is on: fixed to each other. */
  audience: { groupId: Id; criterionId: Id } | null;
  errors: FieldErrors;
  onToggle: (on: boolean) => void;
  onChange: (rows: GroupRow[]) => void;
  onRoundEachGroup: (on: boolean) => void;
}

const PANEL_CHOICES: readonly GroupPanelChoice[] = ['round', 'trimmed', 'mean', 'median', 'weighted'];

/** 评委分组: each group's label, weight, criteria, panel rule and minimum judges. */
export function GroupsEditor({
  on,
  rows,
  roundEachGroup,
  criteria,
  audience,
  errors,
  onToggle,
  onChange,
  onRoundEachGroup,
}: GroupsEditorProps) {
  const t = useT();
  const replace = (at: number, patch: Partial<GroupRow>) =>
    onChange(rows.map((row, index) => (index === at ? { ...row, ...patch } : row)));
  const sheetCriteria = criteria
    .filter((criterion) => criterion.id !== audience?.criterionId)
    .map((criterion) => criterion.id);

  return (
    <fieldset className="org-choices org-groups">
      <legend>{t('org.groups.heading')}</legend>
      <label className="org-check">
        <input type="checkbox" checked={on} onChange={(event) => onToggle(event.target.checked)} />
        <span>
          <strong>{t('org.groups.on')}</strong>
          <span className="org-hint">{t('org.groups.onExplain')}</span>
        </span>
      </label>
      {on && (
        <>
          {rows.map((row, at) => (
            <GroupFields
              key={row.key}
              row={row}
              at={at}
              criteria={criteria}
              audience={audience}
              errors={errors}
              onChange={(patch) => replace(at, patch)}
              onRemove={
                rows.length > 1 && row.id !== audience?.groupId
                  ? () => onChange(rows.filter((_, index) => index !== at))
                  : null
              }
            />
          ))}
          {errors.groups && <p className="org-error">{errors.groups}</p>}
          <button
            type="button"
            className="button button--secondary"
            onClick={() =>
              onChange([
                ...rows,
                blankGroupRow(rows, t('org.groups.newLabel', { n: rows.length + 1 }), '', sheetCriteria),
              ])
            }
          >
            {t('org.groups.add')}
          </button>
          <label className="org-check">
            <input
              type="checkbox"
              checked={roundEachGroup}
              onChange={(event) => onRoundEachGroup(event.target.checked)}
            />
            <span>
              <strong>{t('org.groups.roundEach')}</strong>
              <span className="org-hint">{t('org.groups.roundEachExplain')}</span>
            </span>
          </label>
          {errors.roundEachGroup && <p className="org-error">{errors.roundEachGroup}</p>}
        </>
      )}
    </fieldset>
  );
}

interface GroupFieldsProps {
  row: GroupRow;
  at: number;
  criteria: readonly Criterion[];
  audience: { groupId: Id; criterionId: Id } | null;
  errors: FieldErrors;
  onChange: (patch: Partial<GroupRow>) => void;
  onRemove: (() => void) | null;
}

function GroupFields({ row, at, criteria, audience, errors, onChange, onRemove }: GroupFieldsProps) {
  const t = useT();
  const id = useId();
  const n = at + 1;
  const name = row.label.trim() || t('org.groups.numbered', { n });
  const isAudience = row.id === audience?.groupId;
  const toggle = (criterionId: Id, checked: boolean) =>
    onChange({
      criteria: checked
        ? [...row.criteria, criterionId]
        : row.criteria.filter((each) => each !== criterionId),
    });
  return (
    <fieldset className="org-group" aria-describedby={errors[`group.${at}`] ? `${id}-error` : undefined}>
      <legend>{name}</legend>
      <div className="org-row">
        <TextField
          label={t('org.groups.label', { n })}
          value={row.label}
          onChange={(label) => onChange({ label })}
          error={errors[`group.${at}.label`]}
        />
        <TextField
          label={t('org.groups.weight', { name })}
          value={row.weight}
          onChange={(weight) => onChange({ weight })}
          error={errors[`group.${at}.weight`]}
          hint={t('org.groups.weightHint')}
          inputMode="decimal"
          className="org-field--narrow"
        />
        <TextField
          label={t('org.groups.minJudges', { name })}
          value={row.minJudges}
          onChange={(minJudges) => onChange({ minJudges })}
          error={errors[`group.${at}.minJudges`]}
          hint={t('org.groups.minJudgesHint')}
          placeholder={t('org.settings.minJudgesAll')}
          inputMode="numeric"
          className="org-field--narrow"
        />
      </div>
      <fieldset className="org-group__criteria">
        <legend>{t('org.groups.criteria', { name })}</legend>
        {criteria.map((criterion) => {
          // The votes' criterion belongs to the audience group alone, and that group to it alone.
          const fixed = audience !== null && (isAudience || criterion.id === audience.criterionId);
          return (
            <label key={criterion.id} className="org-check org-check--inline">
              <input
                type="checkbox"
                checked={row.criteria.includes(criterion.id)}
                disabled={fixed}
                onChange={(event) => toggle(criterion.id, event.target.checked)}
              />
              <span>{criterion.label}</span>
            </label>
          );
        })}
        {errors[`group.${at}.criteria`] && <p className="org-error">{errors[`group.${at}.criteria`]}</p>}
      </fieldset>
      <div className="org-row">
        <div className="org-field">
          <label htmlFor={`${id}-panel`}>{t('org.groups.panel', { name })}</label>
          <select
            id={`${id}-panel`}
            value={row.panel}
            onChange={(event) => onChange({ panel: event.target.value as GroupPanelChoice })}
          >
            {PANEL_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {choice === 'round' ? t('org.groups.panelRound') : t(`org.settings.panel.${choice}`)}
              </option>
            ))}
          </select>
          {errors[`group.${at}.panel`] && <p className="org-error">{errors[`group.${at}.panel`]}</p>}
        </div>
        {row.panel === 'trimmed' && (
          <TextField
            label={t('org.settings.trimK')}
            value={row.trimK}
            onChange={(trimK) => onChange({ trimK })}
            inputMode="numeric"
            className="org-field--narrow"
          />
        )}
      </div>
      {errors[`group.${at}`] && (
        <p id={`${id}-error`} className="org-error">
          {errors[`group.${at}`]}
        </p>
      )}
      {onRemove && (
        <button type="button" className="button button--secondary" onClick={onRemove}>
          {t('org.groups.remove', { name })}
        </button>
      )}
    </fieldset>
  );
}
