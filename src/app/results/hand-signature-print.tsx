/** 手写签名 on the printed judge's sheet: each submitted sheet's drawing, in its row. */

import { handSignaturesOfJudge } from '../../db/queries/hand-signatures';
import type { Id } from '../../domain/model';
import type { RoundRecord } from '../../domain/records';
import { useT } from '../i18n/useT';
import { useLiveRead } from '../live-read';

/**
 * The drawings of a judge's sheets by contestant, or null in a round that asks for none (the
 * sheet then prints no column for them).
 */
export function useHandSignatures(round: RoundRecord, judgeId: Id): ReadonlyMap<Id, string> | null {
  const signatures = useLiveRead(handSignaturesOfJudge, round.id, judgeId);
  if (!round.handSignature) return null;
  return new Map((signatures ?? []).map((entry) => [entry.contestantId, entry.image]));
}

export function HandSignatureCell({ image }: { image: string | undefined }) {
  const t = useT();
  return (
    <td className="print-hand-signature">
      {image && <img src={`data:image/png;base64,${image}`} alt={t('results.print.handSignatureAlt')} />}
    </td>
  );
}
