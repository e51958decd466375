/**
 * 手写签名 in a round: none, on every sheet, or once per session on each tablet. Saved as soon as
 * it is chosen (it changes nothing of the scoring, so it needs no preview and no 保存).
 */

import { useState } from 'react';
import { updateRound } from '../../../db/repository';
import type { HandSignatureMode, RoundRecord } from '../../../domain/records';
import { useDatabase } from '../../db-context';
import { useErrorText } from '../../i18n/error-text';
import { useT } from '../../i18n/useT';
import { Choices } from '../ui/Choices';

type Choice = HandSignatureMode | 'none';

export function HandSignatureSetting({ round }: { round: RoundRecord }) {
  const t = useT();
  const db = useDatabase();
  const errorText = useErrorText();
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const choose = (choice: Choice) => {
    setFailure(undefined);
    updateRound(db, round.id, { handSignature: choice === 'none' ? null : choice }).catch((error: unknown) =>
      setFailure(errorText(error)),
    );
  };
  return (
    <Choices<Choice>
      legend={t('org.settings.handSignature')}
      name={`hand-signature-${round.id}`}
      value={round.handSignature ?? 'none'}
      onChange={choose}
      error={failure}
      options={[
        {
          value: 'none',
          label: t('org.settings.handSignatureNone'),
          explain: t('org.settings.handSignatureNoneExplain'),
        },
        {
          value: 'perSheet',
          label: t('org.settings.handSignaturePerSheet'),
          explain: t('org.settings.handSignaturePerSheetExplain'),
        },
        {
          value: 'perSession',
          label: t('org.settings.handSignaturePerSession'),
          explain: t('org.settings.handSignaturePerSessionExplain'),
        },
      ]}
    />
  );
}
