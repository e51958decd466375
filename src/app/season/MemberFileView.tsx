import { type FormEvent, useEffect, useState } from 'react';
import { memberFileOf, seasonEvidence } from '../../db/queries/season';
import { correctSeasonEntry } from '../../db/season';
import type { FileLine, Season, SeasonEntry } from '../../domain/season';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';
import { useLiveRead } from '../live-read';
import { EntryFields } from './EntryFields';
import { checkEntryText, type EntryText } from './entry-form';
import { useSeasonErrorText } from './issues-text';
import { today } from './place';
import { personText, pointsText, sourceText } from './season-sheets';

/** 一人一档: every entry of one member across events, corrections beside what they correct. */
export function MemberFileView({ season, memberId }: { season: Season; memberId: string }) {
  const t = useT();
  const file = useLiveRead(memberFileOf, season.id, memberId);
  const [correcting, setCorrecting] = useState<string | null>(null);
  if (file === undefined) return <p className="loading">{t('app.loading')}</p>;
  if (file === null) return <p className="notice">{t('season.file.notFound')}</p>;
  const entryById = new Map(file.lines.map((line) => [line.entry.id, line.entry]));
  const { member } = file;
  return (
    <section aria-labelledby="season-file-heading">
      <h2 id="season-file-heading">{t('season.file.title', { name: personText(member, t) })}</h2>
      <p className="season-total">{t('season.file.total', { total: file.total })}</p>
      {file.lines.length === 0 ? (
        <p className="notice">{t('season.file.empty')}</p>
      ) : (
        <table className="season-table" aria-label={t('season.file.tableLabel', { name: member.name })}>
          <thead>
            <tr>
              <th scope="col">{t('season.col.date')}</th>
              <th scope="col">{t('season.col.item')}</th>
              <th scope="col">{t('season.col.source')}</th>
              <th scope="col" className="season-number">
                {t('season.col.points')}
              </th>
              <th scope="col">{t('season.col.note')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('season.file.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {file.lines.map((line) => (
              <FileRow
                key={line.entry.id}
                line={line}
                cited={line.entry.corrects === undefined ? undefined : entryById.get(line.entry.corrects)}
                onCorrect={() => setCorrecting(line.entry.id)}
              />
            ))}
          </tbody>
        </table>
      )}
      {correcting && entryById.get(correcting) && (
        <CorrectionForm
          seasonId={season.id}
          entry={entryById.get(correcting) as SeasonEntry}
          onDone={() => setCorrecting(null)}
        />
      )}
    </section>
  );
}

function FileRow({
  line,
  cited,
  onCorrect,
}: {
  line: FileLine;
  cited: SeasonEntry | undefined;
  onCorrect: () => void;
}) {
  const t = useT();
  const { entry } = line;
  const evidence = entry.source.kind === 'manual' ? entry.source.evidence : undefined;
  return (
    <tr className={line.counts ? undefined : 'season-superseded'}>
      <td>{entry.date}</td>
      <td>{entry.item}</td>
      <td>
        {sourceText(entry, t)}
        {evidence && <EvidenceLink evidenceId={evidence} />}
      </td>
      <td className="season-number">{pointsText(entry.points)}</td>
      <td>
        {cited && t('season.file.corrects', { date: cited.date, points: pointsText(cited.points) })}
        {!line.counts && t('season.file.correctedBy')}
      </td>
      <td>
        {line.counts && (
          <button type="button" className="button button--secondary" onClick={onCorrect}>
            {t('season.file.correct')}
          </button>
        )}
      </td>
    </tr>
  );
}

/** A link that opens the evidence photo, from its Blob. */
function EvidenceLink({ evidenceId }: { evidenceId: string }) {
  const t = useT();
  const photo = useLiveRead(seasonEvidence, evidenceId);
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!photo) return;
    const made = URL.createObjectURL(photo);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [photo]);
  if (!url) return null;
  return (
    <>
      {' '}
      <a href={url} target="_blank" rel="noreferrer">
        {t('season.file.evidence')}
      </a>
    </>
  );
}

function CorrectionForm({
  seasonId,
  entry,
  onDone,
}: {
  seasonId: string;
  entry: SeasonEntry;
  onDone: () => void;
}) {
  const db = useDatabase();
  const t = useT();
  const errorText = useSeasonErrorText();
  const [text, setText] = useState<EntryText>({ date: today(), points: '', reason: '', photo: null });
  const [problems, setProblems] = useState<string[]>([]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkEntryText(text, t);
    if (!checked.ok) return setProblems(checked.problems);
    try {
      await correctSeasonEntry(db, seasonId, entry.id, checked.entry);
      onDone();
    } catch (refusal) {
      setProblems([errorText(refusal)]);
    }
  };
  return (
    <form className="season-form" onSubmit={submit} noValidate aria-labelledby="season-correct-heading">
      <h3 id="season-correct-heading">
        {t('season.correct.title', {
          item: entry.item,
          date: entry.date,
          points: pointsText(entry.points),
        })}
      </h3>
      <p className="season-hint">{t('season.correct.explain')}</p>
      <EntryFields text={text} onChange={setText} pointsLabel={t('season.correct.points')} />
      <div className="season-actions">
        <button type="submit" className="button">
          {t('season.correct.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('season.correct.cancel')}
        </button>
      </div>
      {problems.length > 0 && (
        <ul className="season-error" role="alert">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </form>
  );
}
