import { useT } from '../i18n/useT';
import type { EntryText } from './entry-form';

/** Date, points (+/−), reason and an optional photo: what an item by hand and a correction both ask. */
export function EntryFields({
  text,
  onChange,
  pointsLabel,
}: {
  text: EntryText;
  onChange: (text: EntryText) => void;
  pointsLabel: string;
}) {
  const t = useT();
  return (
    <>
      <label className="season-field">
        <span>{t('season.col.date')}</span>
        <input
          type="date"
          value={text.date}
          onChange={(event) => onChange({ ...text, date: event.target.value })}
        />
      </label>
      <label className="season-field">
        <span>{pointsLabel}</span>
        <input
          value={text.points}
          inputMode="decimal"
          onChange={(event) => onChange({ ...text, points: event.target.value })}
        />
      </label>
      <label className="season-field season-field--wide">
        <span>{t('season.form.reason')}</span>
        <textarea
          value={text.reason}
          rows={2}
          onChange={(event) => onChange({ ...text, reason: event.target.value })}
        />
      </label>
      <label className="season-field">
        <span>{t('season.form.photo')}</span>
        <input
          type="file"
          accept="image/*"
          onChange={(event) => onChange({ ...text, photo: event.target.files?.[0] ?? null })}
        />
      </label>
    </>
  );
}
