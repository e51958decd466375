/**
 * The judges' join codes (评委码) on paper: one card per judge to cut out and hand over. It is
 * hidden on screen and alone on the page when printed through `printJoinCodes`. Codes are
 * grouped "1234 5678", as they are read aloud and typed.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { groupJoinCode } from '../../../domain/join-code';
import type { JudgeRecord, RoundRecord } from '../../../domain/records';
import { useDatabase } from '../../db-context';
import { useT } from '../../i18n/useT';
import { JoinQrCode } from '../../sync/JoinQrCode';

const PRINTING_CLASS = 'print-join-codes';

export function printJoinCodes(): void {
  const body = document.body;
  body.classList.add(PRINTING_CLASS);
  window.addEventListener('afterprint', () => body.classList.remove(PRINTING_CLASS), { once: true });
  window.print();
}

/** The list as plain text for the clipboard: one judge a line, name and code. */
export function joinCodeText(round: RoundRecord, judges: readonly JudgeRecord[], heading: string): string {
  const lines = judges.map(
    (judge, index) =>
      `${index + 1}. ${judge.name}${judge.title ? `（${judge.title}）` : ''}\t${groupJoinCode(judge.joinCode)}`,
  );
  return [`${heading} · ${round.name}`, ...lines].join('\n');
}

export function JoinCodeSheet({ round, judges }: { round: RoundRecord; judges: readonly JudgeRecord[] }) {
  const t = useT();
  const db = useDatabase();
  const competition = useLiveQuery(() => db.competitions.get(round.competitionId), [db, round.competitionId]);
  return (
    <div className="join-code-sheet">
      <p className="join-code-sheet__title">
        {competition?.name} · {round.name} · {t('people.joinCodes.sheetTitle')}
      </p>
      <p>{t('people.joinCodes.sheetHowTo')}</p>
      <ul>
        {judges.map((judge) => (
          <li key={judge.id} className="join-code-card">
            <span className="join-code-card__name">{judge.name}</span>
            {judge.title && <span className="join-code-card__title">{judge.title}</span>}
            <span className="join-code-card__code">{groupJoinCode(judge.joinCode)}</span>
            <JoinQrCode code={judge.joinCode} judgeName={judge.name} />
          </li>
        ))}
      </ul>
    </div>
  );
}
