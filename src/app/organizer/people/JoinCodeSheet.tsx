/**
 * The judges' join codes (评委码) on paper: one card per judge of the competition (one code
 * serves every round) to cut out and hand over. It is hidden on screen and alone on the page
 * when printed through `printJoinCodes`: it is rendered straight into <body>, so the print CSS
 * can take the app out of the layout (display: none) rather than only hide it, which left its
 * height behind as blank pages. Codes are grouped "1234 5678", as they are read aloud and typed.
 */
import { createPortal } from 'react-dom';
import { competitionById } from '../../../db/repository';
import { groupJoinCode } from '../../../domain/join-code';
import type { Id } from '../../../domain/model';
import type { JudgeRecord } from '../../../domain/records';
import { useT } from '../../i18n/useT';
import { useLiveRead } from '../../live-read';
import { JoinQrCode } from '../../sync/JoinQrCode';

const PRINTING_CLASS = 'print-join-codes';

export function printJoinCodes(): void {
  const body = document.body;
  body.classList.add(PRINTING_CLASS);
  window.addEventListener('afterprint', () => body.classList.remove(PRINTING_CLASS), { once: true });
  window.print();
}

/** The list as plain text for the clipboard: one judge a line, name and code. */
export function joinCodeText(
  competitionName: string,
  judges: readonly JudgeRecord[],
  heading: string,
): string {
  const lines = judges.map(
    (judge, index) =>
      `${index + 1}. ${judge.name}${judge.title ? `（${judge.title}）` : ''}\t${groupJoinCode(judge.joinCode)}`,
  );
  return [`${competitionName} · ${heading}`, ...lines].join('\n');
}

export function JoinCodeSheet({
  competitionId,
  judges,
  fingerprints,
}: {
  competitionId: Id;
  judges: readonly JudgeRecord[];
  /** By judge, the fingerprints of the signing keys their tablets registered (none before joining). */
  fingerprints?: ReadonlyMap<Id, readonly string[]> | undefined;
}) {
  const t = useT();
  const competition = useLiveRead(competitionById, competitionId);
  return createPortal(
    <div className="join-code-sheet">
      <p className="join-code-sheet__title">
        {competition?.name} · {t('people.joinCodes.sheetTitle')}
      </p>
      <p>{t('people.joinCodes.sheetHowTo')}</p>
      <ul>
        {judges.map((judge) => (
          <li key={judge.id} className="join-code-card">
            <span className="join-code-card__name">{judge.name}</span>
            {judge.title && <span className="join-code-card__title">{judge.title}</span>}
            <span className="join-code-card__code">{groupJoinCode(judge.joinCode)}</span>
            <JoinQrCode code={judge.joinCode} judgeName={judge.name} />
            {fingerprints?.get(judge.id)?.map((fingerprint) => (
              <span key={fingerprint} className="join-code-card__key">
                {t('people.judges.keyFingerprint', { fingerprint })}
              </span>
            ))}
          </li>
        ))}
      </ul>
    </div>,
    document.body,
  );
}
