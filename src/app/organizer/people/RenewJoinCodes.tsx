/**
 * 重新生成评委码: new codes for every judge of the competition, after a confirmation, since the codes
 * already handed out (cards, QR codes) stop working. The way out for a competition set up when
 * codes had six digits, and for a judge card that went astray.
 */

import { useState } from 'react';
import { renewJoinCodes } from '../../../db/repository';
import type { Id } from '../../../domain/model';
import { useDatabase } from '../../db-context';
import { useT } from '../../i18n/useT';
import { ConfirmDialog } from '../ui/ConfirmDialog';

export interface RenewJoinCodesProps {
  competitionId: Id;
  judgeCount: number;
  onRenewed: (count: number) => void;
}

export function RenewJoinCodes({ competitionId, judgeCount, onRenewed }: RenewJoinCodesProps) {
  const t = useT();
  const db = useDatabase();
  const [asking, setAsking] = useState(false);

  const renew = async () => {
    const judges = await renewJoinCodes(db, competitionId);
    onRenewed(judges.length);
  };

  return (
    <>
      <button type="button" className="button button--secondary" onClick={() => setAsking(true)}>
        {t('people.joinCodes.renew')}
      </button>
      {asking && (
        <ConfirmDialog
          title={t('people.joinCodes.renewTitle', { count: judgeCount })}
          confirmLabel={t('people.joinCodes.renewConfirm')}
          onConfirm={renew}
          onClose={() => setAsking(false)}
        >
          <p>{t('people.joinCodes.renewBody')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
