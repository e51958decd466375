/**
 * 扫码接收 on the host console: a judge's tablet that cannot reach the server shows its signed
 * sheets as QR codes (离线交接); the laptop's camera, or photos of printed sheets, read them
 * here. Once every frame is in, the events go to the venue server, which admits what the judge's
 * signature vouches for exactly as the tablet's own push (src/server/handoff.ts); the sheets then
 * come back to this console with the next pull. Refused sheets are named with the reason.
 */

import { useEffect, useRef, useState } from 'react';
import type { Id } from '../../domain/model';
import type { ContestantRecord, JudgeRecord } from '../../domain/records';
import { relayHandoff } from '../../sync/handoff';
import { eventsOfHandoffPayload, FrameCollector } from '../../sync/handoff-frames';
import { readSession } from '../../sync/sync-state';
import { useDatabase } from '../db-context';
import { useErrorText } from '../i18n/error-text';
import { useT } from '../i18n/useT';
import { deviceSync } from '../sync/device-sync';
import { decodeQrCodes, decodeQrCodesInPhoto } from './qr-decode';

export interface HandoffPanelProps {
  judges: readonly JudgeRecord[];
  contestants: readonly ContestantRecord[];
}

type Progress =
  | { kind: 'idle' }
  | { kind: 'scanning'; received: number; count: number | null }
  | { kind: 'sending' }
  | { kind: 'done'; accepted: number; duplicates: number; refused: string[] }
  | { kind: 'failed'; message: string };

/** Between two looks at the camera: quick enough for a 600 ms frame, light on a laptop. */
const SCAN_MILLISECONDS = 150;

export function HandoffPanel({ judges, contestants }: HandoffPanelProps) {
  const t = useT();
  const db = useDatabase();
  const errorText = useErrorText();
  const collector = useRef(new FrameCollector());
  const video = useRef<HTMLVideoElement>(null);
  const [camera, setCamera] = useState<MediaStream | null>(null);
  const [progress, setProgress] = useState<Progress>({ kind: 'idle' });

  const nameOf = (list: readonly { id: Id; name: string }[], id: unknown) =>
    list.find((entry) => entry.id === id)?.name ?? String(id);

  const relay = async (payload: string) => {
    stopCamera();
    const events = eventsOfHandoffPayload(payload);
    if (!events) {
      setProgress({ kind: 'failed', message: t('stage.handoff.notHandoff') });
      return;
    }
    setProgress({ kind: 'sending' });
    try {
      const sync = deviceSync(db);
      const session = await readSession(db);
      if (!sync || session?.role !== 'organizer') throw new Error(t('stage.handoff.organizerOnly'));
      const reply = await relayHandoff(sync.transport, session.token, events);
      const refused = reply.refused.map((entry) => {
        const event = events[entry.index] as { payload?: { judgeId?: Id; contestantId?: Id } } | undefined;
        return t('stage.handoff.refusedSheet', {
          judge: nameOf(judges, event?.payload?.judgeId),
          contestant: nameOf(contestants, event?.payload?.contestantId),
          reason: entry.message,
        });
      });
      setProgress({ kind: 'done', accepted: reply.accepted, duplicates: reply.duplicates, refused });
    } catch (error) {
      setProgress({ kind: 'failed', message: errorText(error) });
    }
  };

  const read = async (texts: readonly string[]) => {
    for (const text of texts) {
      const outcome = collector.current.add(text);
      if (outcome.kind === 'complete') {
        collector.current.reset();
        await relay(outcome.payload);
        return;
      }
      if (outcome.kind === 'added' || outcome.kind === 'duplicate')
        setProgress({ kind: 'scanning', received: outcome.received, count: outcome.count });
    }
  };

  const stopCamera = () => {
    for (const track of camera?.getTracks() ?? []) track.stop();
    setCamera(null);
  };

  const startCamera = async () => {
    collector.current.reset();
    setProgress({ kind: 'scanning', received: 0, count: null });
    try {
      setCamera(await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user' }, audio: false }));
    } catch (error) {
      setProgress({ kind: 'failed', message: t('stage.handoff.noCamera', { reason: String(error) }) });
    }
  };

  // The camera's picture, looked at every SCAN_MILLISECONDS while it is on.
  useEffect(() => {
    const element = video.current;
    if (!camera || !element) return;
    element.srcObject = camera;
    void element.play();
    let busy = false;
    const timer = setInterval(() => {
      if (busy || element.videoWidth === 0) return;
      busy = true;
      decodeQrCodes(element, element.videoWidth, element.videoHeight)
        .then(read)
        .finally(() => {
          busy = false;
        });
    }, SCAN_MILLISECONDS);
    return () => clearInterval(timer);
  });

  const readFiles = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    if (progress.kind !== 'scanning') collector.current.reset();
    for (const file of files) {
      const bitmap = await createImageBitmap(file);
      await read(await decodeQrCodesInPhoto(bitmap, bitmap.width, bitmap.height));
      bitmap.close();
    }
  };

  return (
    <section className="host-card host-handoff" aria-labelledby="host-handoff-title">
      <h2 id="host-handoff-title">{t('stage.handoff.title')}</h2>
      <p className="host-note">{t('stage.handoff.explain')}</p>
      <div className="host-handoff__actions">
        {camera ? (
          <button type="button" className="button button--secondary" onClick={stopCamera}>
            {t('stage.handoff.stop')}
          </button>
        ) : (
          <button type="button" className="button" onClick={startCamera}>
            {t('stage.handoff.scan')}
          </button>
        )}
        <label className="button button--secondary">
          {t('stage.handoff.photo')}
          <input
            type="file"
            accept="image/*"
            multiple
            hidden
            data-testid="handoff-images"
            onChange={(event) => void readFiles(event.target.files)}
          />
        </label>
      </div>
      {camera && <video ref={video} className="host-handoff__video" muted playsInline />}
      <p role="status" data-testid="handoff-status">
        {progress.kind === 'scanning' &&
          (progress.count === null
            ? t('stage.handoff.waiting')
            : t('stage.handoff.progress', { received: progress.received, count: progress.count }))}
        {progress.kind === 'sending' && t('stage.handoff.sending')}
        {progress.kind === 'done' &&
          t('stage.handoff.done', { accepted: progress.accepted, duplicates: progress.duplicates })}
      </p>
      {progress.kind === 'failed' && (
        <p className="stage-error" role="alert">
          {progress.message}
        </p>
      )}
      {progress.kind === 'done' && progress.refused.length > 0 && (
        <ul className="stage-error" role="alert">
          {progress.refused.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
