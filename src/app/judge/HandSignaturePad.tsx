/**
 * 手写签名: the judge draws their signature with a finger or a stylus (signature_pad). Loaded on
 * demand inside the submit dialog, only in a round that asks for it. Each finished stroke hands
 * the drawing up as a small PNG (the canvas at 1× so the file stays a few kB: it travels in the
 * log and in the QR hand-off); 重写 clears it.
 */

import { useEffect, useRef } from 'react';
import SignaturePad from 'signature_pad';
import { decodeBase64 } from '../../domain/base64';
import { useT } from '../i18n/useT';

export interface HandSignaturePadProps {
  /** The drawing as PNG bytes, or null when the pad is empty. */
  onChange: (png: Uint8Array | null) => void;
}

const PNG_DATA_URL = 'data:image/png;base64,';

export function HandSignaturePad({ onChange }: HandSignaturePadProps) {
  const t = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pad = new SignaturePad(canvas, { minWidth: 1, maxWidth: 2.5, penColor: 'black' });
    padRef.current = pad;
    const emit = () =>
      onChange(pad.isEmpty() ? null : decodeBase64(pad.toDataURL('image/png').slice(PNG_DATA_URL.length)));
    pad.addEventListener('endStroke', emit);
    return () => {
      pad.removeEventListener('endStroke', emit);
      pad.off();
      padRef.current = null;
    };
  }, [onChange]);

  const clear = () => {
    padRef.current?.clear();
    onChange(null);
  };

  return (
    <div className="hand-signature">
      <p className="hand-signature__prompt">{t('judge.handSignature.prompt')}</p>
      <canvas
        ref={canvasRef}
        className="hand-signature__canvas"
        width={360}
        height={120}
        aria-label={t('judge.handSignature.canvas')}
        data-testid="hand-signature-canvas"
      />
      <button type="button" className="button button--secondary" onClick={clear}>
        {t('judge.handSignature.clear')}
      </button>
    </div>
  );
}
