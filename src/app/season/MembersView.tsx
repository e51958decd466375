import { type FormEvent, useState } from 'react';
import { memberCandidates } from '../../db/queries/season-sources';
import { addSeasonMembers } from '../../db/season';
import type { Season } from '../../domain/season';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';
import { useLiveRead } from '../live-read';
import { Link } from '../router';
import { FormMessage } from './FormMessage';
import { useSeasonErrorText } from './issues-text';
import { seasonHref } from './place';
import { personText } from './season-sheets';

/** 成员: the season's people, added from this device's contestants (one per name and unit) or by hand. */
export function MembersView({ season }: { season: Season }) {
  const t = useT();
  return (
    <section aria-labelledby="season-members-heading">
      <h2 id="season-members-heading">{t('season.members.title', { count: season.members.length })}</h2>
      {season.members.length === 0 ? (
        <p className="notice">{t('season.members.empty')}</p>
      ) : (
        <ul className="season-members">
          {season.members.map((member) => (
            <li key={member.id}>
              <Link to={seasonHref({ seasonId: season.id, view: 'file', memberId: member.id })}>
                {member.name}
              </Link>
              {member.unit && <span className="season-unit">{member.unit}</span>}
            </li>
          ))}
        </ul>
      )}
      <Candidates seasonId={season.id} />
      <MemberForm seasonId={season.id} />
    </section>
  );
}

function Candidates({ seasonId }: { seasonId: string }) {
  const db = useDatabase();
  const t = useT();
  const errorText = useSeasonErrorText();
  const candidates = useLiveRead(memberCandidates, seasonId);
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const [message, setMessage] = useState({ text: '', error: false });
  if (candidates === undefined) return <p className="loading">{t('app.loading')}</p>;
  if (candidates.length === 0) return <p className="season-hint">{t('season.members.noCandidates')}</p>;

  const add = async () => {
    const people = candidates.filter((_, at) => chosen.has(at));
    if (people.length === 0) return setMessage({ text: t('season.members.chooseFirst'), error: true });
    try {
      const added = await addSeasonMembers(db, seasonId, people);
      setChosen(new Set());
      setMessage({ text: t('season.members.added', { count: added.members }), error: false });
    } catch (refusal) {
      setMessage({ text: errorText(refusal), error: true });
    }
  };
  const toggle = (at: number, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(at);
    else next.delete(at);
    setChosen(next);
  };

  return (
    <fieldset className="season-fieldset">
      <legend>{t('season.members.fromContestants')}</legend>
      <ul className="season-candidates">
        {candidates.map((candidate, at) => (
          <li key={`${candidate.name}\t${candidate.unit ?? ''}`}>
            <label className="season-check">
              <input
                type="checkbox"
                checked={chosen.has(at)}
                onChange={(event) => toggle(at, event.target.checked)}
              />
              {personText(candidate, t)}
              <span className="season-hint">{candidate.competitions.join(t('season.listSeparator'))}</span>
            </label>
          </li>
        ))}
      </ul>
      <button type="button" className="button" onClick={add}>
        {t('season.members.addChosen')}
      </button>
      <FormMessage message={message} />
    </fieldset>
  );
}

function MemberForm({ seasonId }: { seasonId: string }) {
  const db = useDatabase();
  const t = useT();
  const errorText = useSeasonErrorText();
  const [name, setName] = useState('');
  const [unit, setUnit] = useState('');
  const [message, setMessage] = useState({ text: '', error: false });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return setMessage({ text: t('season.members.nameRequired'), error: true });
    try {
      const added = await addSeasonMembers(db, seasonId, [{ name, unit: unit.trim() === '' ? null : unit }]);
      setMessage({
        text: added.members === 0 ? t('season.members.already') : t('season.members.added', { count: 1 }),
        error: false,
      });
      setName('');
      setUnit('');
    } catch (refusal) {
      setMessage({ text: errorText(refusal), error: true });
    }
  };
  return (
    <form className="season-form season-form--inline" onSubmit={submit} noValidate>
      <h3>{t('season.members.byHand')}</h3>
      <label className="season-field">
        <span>{t('season.col.name')}</span>
        <input value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <label className="season-field">
        <span>{t('season.col.unit')}</span>
        <input value={unit} onChange={(event) => setUnit(event.target.value)} />
      </label>
      <button type="submit" className="button">
        {t('season.members.add')}
      </button>
      <FormMessage message={message} />
    </form>
  );
}
