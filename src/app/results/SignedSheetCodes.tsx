/**
 * 离线交接码 on the printed judge's sheet (the paper fallback): the judge's signed sheets of the
 * round as the same QR frames a tablet shows (src/sync/handoff-frames.ts), so that a photo of the
 * page, imported in the host console's 扫码接收, relays them to the venue server. The QR library
 * loads only when codes are drawn (qr-path.ts), never with the page.
 */

import { useEffect, useState } from 'react';
import { signedSheetEventsOfJudge } from '../../db/queries/printed-handoff';
import type { Id } from '../../domain/model';
import { printedHandoffFrames } from '../../sync/handoff';
import { useT } from '../i18n/useT';
import { useLiveRead } from '../live-read';
import { type QrPath, qrPaths } from '../qr-path';

/** The white margin scanners want around a code, in modules. */
const QUIET_ZONE = 4;

export function SignedSheetCodes({ roundId, judgeId }: { roundId: Id; judgeId: Id }) {
  const t = useT();
  const events = useLiveRead(signedSheetEventsOfJudge, roundId, judgeId);
  const [codes, setCodes] = useState<QrPath[] | null>(null);

  useEffect(() => {
    if (events === undefined) return;
    let live = true;
    void printedHandoffFrames(events)
      .then(qrPaths)
      .then((drawn) => live && setCodes(drawn));
    return () => {
      live = false;
    };
  }, [events]);

  if (events === undefined) return null;
  if (events.length === 0) return <p className="print-handoff__note">{t('results.print.handoffNone')}</p>;
  if (codes === null) return null;
  const sheets = events.filter((event) => event.type === 'sheet.submit').length;
  return (
    <section className="print-handoff">
      <p className="print-handoff__note">{t('results.print.handoffNote', { sheets })}</p>
      <div className="print-handoff__codes">
        {codes.map((code, at) => {
          const side = code.size + 2 * QUIET_ZONE;
          const label = t('results.print.handoffCode', { at: at + 1, count: codes.length });
          return (
            <figure key={code.d} className="print-handoff__code" data-testid="printed-handoff-qr">
              <svg
                role="img"
                aria-label={label}
                viewBox={`-${QUIET_ZONE} -${QUIET_ZONE} ${side} ${side}`}
                shapeRendering="crispEdges"
                // Half a millimetre a module: a phone's photo of the whole A4 page still gives
                // each module several pixels.
                style={{ width: `${side / 2}mm`, height: `${side / 2}mm` }}
              >
                <path d={code.d} />
              </svg>
              <figcaption>
                {at + 1}/{codes.length}
              </figcaption>
            </figure>
          );
        })}
      </div>
    </section>
  );
}
