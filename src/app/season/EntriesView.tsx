import { type FormEvent, useState } from 'react';
import { postableRounds } from '../../db/queries/season-sources';
import { addManualEntry } from '../../db/season';
import { postRoundToSeason } from '../../db/season-post';
import type { Season } from '../../domain/season';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';
import { useLiveRead } from '../live-read';
import { EntryFields } from './EntryFields';
import { checkEntryText, type EntryText } from './entry-form';
import { FormMessage } from './FormMessage';
import { useSeasonErrorText } from './issues-text';
import { today } from './place';
import { personText } from './season-sheets';

/** 录入积分: a closed round's results posted by the points table, and items entered by hand. */
export function EntriesView({ season }: { season: Season }) {
  return (
    <>
      <PostRounds seasonId={season.id} />
      <ManualEntryForm season={season} />
    </>
  );
}

function PostRounds({ seasonId }: { seasonId: string }) {
  const db = useDatabase();
  const t = useT();
  const errorText = useSeasonErrorText();
  const rounds = useLiveRead(postableRounds, seasonId);
  const [message, setMessage] = useState({ text: '', error: false });
  if (rounds === undefined) return <p className="loading">{t('app.loading')}</p>;
  const post = async (roundId: string, name: string) => {
    try {
      const added = await postRoundToSeason(db, seasonId, roundId);
      setMessage({
        text:
          added.entries === 0
            ? t('season.post.nothingNew', { round: name })
            : t('season.post.done', { round: name, entries: added.entries, members: added.members }),
        error: false,
      });
    } catch (refusal) {
      setMessage({ text: errorText(refusal), error: true });
    }
  };
  return (
    <section aria-labelledby="season-post-heading">
      <h2 id="season-post-heading">{t('season.post.title')}</h2>
      <p className="season-hint">{t('season.post.explain')}</p>
      {rounds.length === 0 ? (
        <p className="notice">{t('season.post.none')}</p>
      ) : (
        <ul className="season-rounds">
          {rounds.map((round) => {
            const name = `${round.competitionName} · ${round.roundName}`;
            return (
              <li key={round.roundId}>
                <span>
                  {name}
                  <span className="season-hint">
                    {round.competitionDate ?? t('season.post.noDate')} ·{' '}
                    {round.posted
                      ? t('season.post.posted')
                      : round.final
                        ? t('season.post.final')
                        : t('season.post.provisional')}
                  </span>
                </span>
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={!round.final}
                  onClick={() => post(round.roundId, name)}
                >
                  {t('season.post.action')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <FormMessage message={message} />
    </section>
  );
}

const ITEM_SUGGESTIONS = ['season.item.study', 'season.item.award', 'season.item.deduction'] as const;

function ManualEntryForm({ season }: { season: Season }) {
  const db = useDatabase();
  const t = useT();
  const errorText = useSeasonErrorText();
  const blank = (): EntryText => ({ date: today(), points: '', reason: '', photo: null });
  const [memberId, setMemberId] = useState('');
  const [item, setItem] = useState('');
  const [text, setText] = useState<EntryText>(blank);
  const [message, setMessage] = useState<{ text: string; error: boolean; problems?: string[] }>({
    text: '',
    error: false,
  });
  // The file input keeps its file until the form is remounted.
  const [formKey, setFormKey] = useState(0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkEntryText(text, t);
    const problems = [
      ...(memberId === '' ? [t('season.form.memberRequired')] : []),
      ...(item.trim() === '' ? [t('season.form.itemRequired')] : []),
      ...(checked.ok ? [] : checked.problems),
    ];
    if (problems.length > 0 || !checked.ok) {
      return setMessage({ text: t('season.form.fix'), error: true, problems });
    }
    try {
      await addManualEntry(db, season.id, { memberId, item, ...checked.entry });
      setMessage({ text: t('season.form.saved'), error: false });
      setItem('');
      setText(blank());
      setFormKey((key) => key + 1);
    } catch (refusal) {
      setMessage({ text: errorText(refusal), error: true });
    }
  };

  return (
    <form
      key={formKey}
      className="season-form"
      onSubmit={submit}
      noValidate
      aria-labelledby="season-manual-heading"
    >
      <h2 id="season-manual-heading">{t('season.manual.title')}</h2>
      <label className="season-field">
        <span>{t('season.form.member')}</span>
        <select value={memberId} onChange={(event) => setMemberId(event.target.value)}>
          <option value="">{t('season.form.chooseMember')}</option>
          {season.members.map((member) => (
            <option key={member.id} value={member.id}>
              {personText(member, t)}
            </option>
          ))}
        </select>
      </label>
      <label className="season-field">
        <span>{t('season.form.item')}</span>
        <input value={item} list="season-items" onChange={(event) => setItem(event.target.value)} />
        <datalist id="season-items">
          {ITEM_SUGGESTIONS.map((suggestion) => (
            <option key={suggestion} value={t(suggestion)} />
          ))}
        </datalist>
      </label>
      <EntryFields text={text} onChange={setText} pointsLabel={t('season.form.points')} />
      <button type="submit" className="button">
        {t('season.manual.submit')}
      </button>
      <div
        className={message.error ? 'season-error' : 'season-status'}
        role={message.error ? 'alert' : 'status'}
      >
        {message.text}
        {message.problems && message.problems.length > 0 && (
          <ul>
            {message.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
      </div>
    </form>
  );
}
