/**
 * 离线交接码 on the printed judge's sheet (the paper fallback): the judge's signed sheets of the
 * round as the same QR frames a tablet shows (src/sync/handoff-frames.ts), so that a photo of the
 * page, imported in the host console's 扫码接收, relays them to the venue server. The QR library
 * loads only when codes are drawn, never with the page.
 */

import { useEffect, useState } from 'react';
import { signedSheetEventsOfJudge } from '../../db/queries/printed-handoff';
import type { Id } from '../../domain/model';
import { printedHandoffFrames } from '../../sync/handoff';
import { useT } from '../i18n/useT';
import { useLiveRead } from '../live-read';

/** The white margin scanners want around a code, in modules. */
const QUIET_ZONE = 4;

interface DrawnCode {
  size: number;
  path: string;
}

/** One square per dark module, as one SVG path: vector, so it prints sharp at any resolution. */
function modulesPath(modules: { size: number; get(row: number, column: number): number | boolean }): string {
  let d = '';
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (modules.get(row, column)) d += `M${column} ${row}h1v1h-1z`;
    }
  }
  return d;
}

async function drawFrames(frames: readonly string[]): Promise<DrawnCode[]> {
  if (frames.length === 0) return [];
  const QRCode = await import('qrcode');
  return frames.map((frame) => {
    // The tablet's error correction (HandoffDialog): the same codes, on paper.
    const { modules } = QRCode.create(frame, { errorCorrectionLevel: 'M' });
    return { size: modules.size, path: modulesPath(modules) };
  });
}

export function SignedSheetCodes({ roundId, judgeId }: { roundId: Id; judgeId: Id }) {
  const t = useT();
  const events = useLiveRead(signedSheetEventsOfJudge, roundId, judgeId);
  const [codes, setCodes] = useState<DrawnCode[] | null>(null);

  useEffect(() => {
    if (events === undefined) return;
    let live = true;
    void printedHandoffFrames(events)
      .then(drawFrames)
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
            <figure key={code.path} className="print-handoff__code" data-testid="printed-handoff-qr">
              <svg
                role="img"
                aria-label={label}
                viewBox={`-${QUIET_ZONE} -${QUIET_ZONE} ${side} ${side}`}
                shapeRendering="crispEdges"
                // Half a millimetre a module: a phone's photo of the whole A4 page still gives
                // each module several pixels.
                style={{ width: `${side / 2}mm`, height: `${side / 2}mm` }}
              >
                <path d={code.path} />
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
