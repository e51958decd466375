/**
 * A QR code drawn as one SVG path, one square per dark module: vector, so it stays sharp on any
 * screen and in print. The QR library loads with the first code drawn, never with the page.
 */

type QRCodeModule = typeof import('qrcode');

export interface QrPath {
  /** Modules a side, without the quiet zone around them. */
  size: number;
  /** The dark modules, in a viewBox of `size` × `size`. */
  d: string;
}

/** Error correction M, as the tablets' codes: the same codes on every screen and on paper. */
function drawn(QRCode: QRCodeModule, text: string): QrPath {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  let d = '';
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (modules.get(row, column)) d += `M${column} ${row}h1v1h-1z`;
    }
  }
  return { size: modules.size, d };
}

/** The QR code of `text`. */
export async function qrPath(text: string): Promise<QrPath> {
  return drawn(await import('qrcode'), text);
}

/** The QR codes of `texts`, in their order; none (and no library loaded) for none. */
export async function qrPaths(texts: readonly string[]): Promise<QrPath[]> {
  if (texts.length === 0) return [];
  const QRCode = await import('qrcode');
  return texts.map((text) => drawn(QRCode, text));
}
