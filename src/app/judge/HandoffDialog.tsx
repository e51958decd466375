/**
 * 离线交接 on the tablet: when the venue server cannot be reached, the judge's unsent signed
 * sheets shown as QR codes for the host console's camera (src/sync/handoff-frames.ts), cycling
 * when there is more than one frame. Loaded on demand from the status bar.
 */

import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { unsentSignedSheets } from '../../sync/handoff';
import { handoffPayloadText, splitIntoFrames } from '../../sync/handoff-frames';
import { ModalDialog } from '../components/ModalDialog';
import { useDatabase } from '../db-context';
import { useT } from '../i18n/useT';

/** Long enough for a laptop camera to settle on each code, short enough for 10 s a sheet. */
const FRAME_MILLISECONDS = 600;
/** Whole pixels a module, shown at its own size: a scaled code blurs its modules for the reader. */
const MODULE_PIXELS = 3;

interface Handoff {
  sheets: number;
  images: string[];
}

export function HandoffDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const db = useDatabase();
  const [handoff, setHandoff] = useState<Handoff | null>(null);
  const [shown, setShown] = useState(0);

  useEffect(() => {
    let live = true;
    void (async () => {
      const events = await unsentSignedSheets(db);
      const frames = events.length === 0 ? [] : splitIntoFrames(handoffPayloadText(events));
      const images = await Promise.all(
        frames.map((frame) =>
          QRCode.toDataURL(frame, { errorCorrectionLevel: 'M', margin: 4, scale: MODULE_PIXELS }),
        ),
      );
      const sheets = events.filter((event) => event.type === 'sheet.submit').length;
      if (live) setHandoff({ sheets, images });
    })();
    return () => {
      live = false;
    };
  }, [db]);

  const count = handoff?.images.length ?? 0;
  useEffect(() => {
    if (count < 2) return;
    const timer = setInterval(() => setShown((at) => (at + 1) % count), FRAME_MILLISECONDS);
    return () => clearInterval(timer);
  }, [count]);

  return (
    <ModalDialog
      title={t('judge.handoff.title')}
      onCancel={onClose}
      className="judge-dialog judge-dialog--handoff"
    >
      {handoff === null ? (
        <p>{t('judge.handoff.preparing')}</p>
      ) : handoff.sheets === 0 ? (
        <p>{t('judge.handoff.nothing')}</p>
      ) : (
        <figure className="handoff-qr">
          <img
            src={handoff.images[shown % count]}
            alt={t('judge.handoff.qrLabel', { at: (shown % count) + 1, count })}
            data-testid="handoff-qr"
            data-frame={shown % count}
            data-frames={count}
          />
          <figcaption>
            {t('judge.handoff.caption', { sheets: handoff.sheets, at: (shown % count) + 1, count })}
          </figcaption>
        </figure>
      )}
      <div className="judge-dialog__actions">
        <button type="button" className="button judge-big-button" onClick={onClose}>
          {t('judge.handoff.close')}
        </button>
      </div>
    </ModalDialog>
  );
}
