import { useT } from '../../i18n/useT';
import { Choices } from '../ui/Choices';
import { TextField } from '../ui/TextField';
import type { AudienceForm, AudienceMode } from './audience-form';

export interface AudienceEditorProps {
  audience: AudienceForm;
  /** The audience group's label, as the groups above name it. */
  groupLabel: string;
  error: string | undefined;
  onToggle: (on: boolean) => void;
  onChange: (patch: Partial<AudienceForm>) => void;
}

/** 大众投票: whether the audience votes from their phones, how, and for how long each time. */
export function AudienceEditor({ audience, groupLabel, error, onToggle, onChange }: AudienceEditorProps) {
  const t = useT();
  const modes: { value: AudienceMode; label: string; explain: string }[] = [
    {
      value: 'support',
      label: t('org.audience.mode.support'),
      explain: t('org.audience.mode.supportExplain'),
    },
    { value: 'rating', label: t('org.audience.mode.rating'), explain: t('org.audience.mode.ratingExplain') },
  ];
  return (
    <fieldset className="org-choices org-audience">
      <legend>{t('org.audience.heading')}</legend>
      <label className="org-check">
        <input type="checkbox" checked={audience.on} onChange={(event) => onToggle(event.target.checked)} />
        <span>
          <strong>{t('org.audience.on')}</strong>
          <span className="org-hint">{t('org.audience.onExplain')}</span>
        </span>
      </label>
      {audience.on && (
        <>
          <Choices
            legend={t('org.audience.mode')}
            name="audience-mode"
            value={audience.mode}
            options={modes}
            onChange={(mode) => onChange({ mode })}
          />
          <TextField
            label={t('org.audience.window')}
            value={audience.windowSeconds}
            onChange={(windowSeconds) => onChange({ windowSeconds })}
            error={error}
            hint={t('org.audience.windowHint')}
            inputMode="numeric"
            className="org-field--narrow"
          />
          <p className="org-hint">{t('org.audience.countsFor', { group: groupLabel })}</p>
        </>
      )}
    </fieldset>
  );
}
