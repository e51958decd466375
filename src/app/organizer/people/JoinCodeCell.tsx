/**
 * A judge's join code in the judges list, grouped "1234 5678" to read aloud, with the toggle of
 * their QR code. An outdated six-digit code is flagged instead (no tablet can join with it), and
 * a code this device is not shown ('' anywhere but on the organizer's device) is said so rather
 * than left blank.
 */

import { groupJoinCode, isJoinCode } from '../../../domain/join-code';
import type { JudgeRecord } from '../../../domain/records';
import { useT } from '../../i18n/useT';

export interface JoinCodeCellProps {
  judge: JudgeRecord;
  qrOpen: boolean;
  onToggleQr: () => void;
}

export function JoinCodeCell({ judge, qrOpen, onToggleQr }: JoinCodeCellProps) {
  const t = useT();
  const code = judge.joinCode;
  if (code === '') return <span className="join-code-hidden">{t('people.joinCodes.hidden')}</span>;
  if (!isJoinCode(code)) {
    return (
      <>
        <span className="join-code join-code--outdated">{code}</span>
        <span className="badge badge--warn">{t('people.joinCodes.outdated')}</span>
      </>
    );
  }
  return (
    <>
      <span className="join-code">{groupJoinCode(code)}</span>
      <button
        type="button"
        className="button button--secondary people-qr-toggle"
        aria-expanded={qrOpen}
        aria-label={t('people.joinCodes.qrFor', { name: judge.name })}
        onClick={onToggleQr}
      >
        {qrOpen ? t('people.joinCodes.hideQr') : t('people.joinCodes.showQr')}
      </button>
    </>
  );
}
