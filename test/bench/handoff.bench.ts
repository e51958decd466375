/**
 * Benchmark of 离线交接 (issue 15): `npm run bench -- handoff`, or on its own
 *   node --import tsx test/bench/handoff.bench.ts
 *
 * One judge's signed sheet of 5 and of 15 criteria, as the tablet hands it over: the marks the
 * signature covers and the signed `sheet.submit` (a real ECDSA P-256 signature), with and without
 * a handwritten signature of 3 kB (random bytes standing in for the pad's PNG, which compresses
 * no better). The payload is cut into frames (src/sync/handoff-frames.ts), each frame drawn as a
 * QR code (qrcode, medium error correction, 4 px a module as on the tablet's screen) and read
 * back from its pixels by jsQR (the host console's reader where the browser has no
 * BarcodeDetector) into the collector.
 *
 * Figures: frames, payload size, the time to decode every frame, and the hand-off time a host
 * sees: each frame shown for 600 ms (the tablet's cycle), a full cycle plus the decoding, the
 * camera assumed to catch each frame once (a missed frame costs one more cycle). Target: under
 * 10 s for a 5-criterion sheet. A benchmark prints figures; it asserts nothing.
 */
import jsQR from 'jsqr';
import QRCode from 'qrcode';
import type { LeitaiEvent, SheetSignature } from '../../src/domain/events.ts';
import {
  canonicalSheetBytes,
  encodeBase64,
  handSignatureDigest,
  keyFingerprint,
  SIGNATURE_ALGORITHM,
  SIGNING_KEY_ALGORITHM,
} from '../../src/domain/signing.ts';
import { FrameCollector, handoffPayloadText, splitIntoFrames } from '../../src/sync/handoff-frames.ts';

const FRAME_MILLISECONDS = 600;
const MODULE_PIXELS = 4;
const QUIET_MODULES = 4;
const { subtle } = globalThis.crypto;

function hexId(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');
}

async function signedSheet(criteria: number, drawing: Uint8Array | null): Promise<LeitaiEvent[]> {
  const pair = await subtle.generateKey(SIGNING_KEY_ALGORITHM, false, ['sign', 'verify']);
  const publicKey = encodeBase64(new Uint8Array(await subtle.exportKey('raw', pair.publicKey)));
  const [competitionId, roundId, judgeId, contestantId, deviceId] = [
    hexId(),
    hexId(),
    hexId(),
    hexId(),
    hexId(),
  ];
  const marks = Array.from({ length: criteria }, (_, at) => ({ criterionId: hexId(), value: 800 + at * 25 }));
  const recordedAt = '2026-12-04T19:00:00.000Z';
  const base = (deviceSeq: number) => ({
    id: hexId(),
    deviceId,
    deviceSeq,
    author: { role: 'judge' as const, judgeId },
    competitionId,
    roundId,
    recordedAt,
  });
  const content = {
    competitionId,
    roundId,
    judgeId,
    contestantId,
    revision: 1,
    signedAt: recordedAt,
    marks,
    handSignatureDigest: drawing ? handSignatureDigest(drawing) : null,
  };
  const value = await subtle.sign(SIGNATURE_ALGORITHM, pair.privateKey, canonicalSheetBytes(content));
  const signature: SheetSignature = {
    keyFingerprint: keyFingerprint(publicKey) as string,
    signedAt: recordedAt,
    marks,
    handSignatureDigest: content.handSignatureDigest,
    value: encodeBase64(new Uint8Array(value)),
    ...(drawing ? { handSignatureImage: encodeBase64(drawing) } : {}),
  };
  return [
    ...marks.map(
      (mark, at) =>
        ({
          ...base(at + 1),
          type: 'mark.set',
          payload: { judgeId, contestantId, criterionId: mark.criterionId, value: mark.value, revision: 1 },
        }) as LeitaiEvent,
    ),
    {
      ...base(criteria + 1),
      type: 'sheet.submit',
      payload: { judgeId, contestantId, revision: 1, signature },
    } as LeitaiEvent,
  ];
}

/** A frame drawn as the tablet shows it: black modules on white, RGBA. */
function qrPixels(frame: string): { data: Uint8ClampedArray; side: number } {
  const { modules } = QRCode.create(frame, { errorCorrectionLevel: 'M' });
  const side = (modules.size + 2 * QUIET_MODULES) * MODULE_PIXELS;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let row = 0; row < modules.size; row++)
    for (let column = 0; column < modules.size; column++) {
      if (!modules.get(row, column)) continue;
      for (let dy = 0; dy < MODULE_PIXELS; dy++)
        for (let dx = 0; dx < MODULE_PIXELS; dx++) {
          const y = (row + QUIET_MODULES) * MODULE_PIXELS + dy;
          const x = (column + QUIET_MODULES) * MODULE_PIXELS + dx;
          data.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
        }
    }
  return { data, side };
}

async function measure(label: string, criteria: number, drawing: Uint8Array | null) {
  const events = await signedSheet(criteria, drawing);
  const payload = handoffPayloadText(events);
  const frames = splitIntoFrames(payload);
  const images = frames.map(qrPixels);
  const collector = new FrameCollector();
  const started = performance.now();
  let complete = false;
  for (const image of images) {
    const read = jsQR(image.data, image.side, image.side);
    if (!read) throw new Error(`${label}: a frame did not decode`);
    complete = collector.add(read.data).kind === 'complete';
  }
  const decodeMs = performance.now() - started;
  if (!complete) throw new Error(`${label}: the frames did not reassemble`);
  const handoffSeconds = (frames.length * FRAME_MILLISECONDS + decodeMs) / 1000;
  return {
    sheet: label,
    payload: `${(payload.length / 1024).toFixed(1)} kB`,
    frames: String(frames.length),
    qrSide: `${images[0]?.side ?? 0} px`,
    decodeAll: `${decodeMs.toFixed(0)} ms`,
    handoff: `${handoffSeconds.toFixed(1)} s`,
    worstCase: `${(handoffSeconds + (frames.length * FRAME_MILLISECONDS) / 1000).toFixed(1)} s`,
  };
}

const drawing = crypto.getRandomValues(new Uint8Array(3000));
const rows = [
  await measure('5 criteria', 5, null),
  await measure('5 criteria + 手写签名 3 kB', 5, drawing),
  await measure('15 criteria', 15, null),
  await measure('15 criteria + 手写签名 3 kB', 15, drawing),
];
console.table(rows);
console.log(
  `hand-off = frames × ${FRAME_MILLISECONDS} ms + decoding; worst case = one more cycle (a frame missed once). Target: 5 criteria < 10 s.`,
);
