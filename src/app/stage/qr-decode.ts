/**
 * Reading QR codes on the host console: the browser's BarcodeDetector where it has one (Chromium
 * on most laptops), else jsQR over the pixels (loaded only then). A camera's frame holds the one
 * code a tablet shows; a photo of a printed judge's sheet holds several (decodeQrCodesInPhoto).
 */

interface DetectedBarcode {
  rawValue: string;
}

interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}

type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

let detector: BarcodeDetectorLike | null | undefined;

function nativeDetector(): BarcodeDetectorLike | null {
  if (detector === undefined) {
    const native = (globalThis as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
    detector = native ? new native({ formats: ['qr_code'] }) : null;
  }
  return detector;
}

/** The texts of every code the browser's own detector sees; null without a usable one. */
async function nativelyDecoded(source: CanvasImageSource): Promise<string[] | null> {
  const native = nativeDetector();
  if (!native) return null;
  try {
    return (await native.detect(source)).map((code) => code.rawValue);
  } catch {
    // A detector present but unusable (no QR support on this system): read the pixels instead.
    detector = null;
    return null;
  }
}

type JsQR = typeof import('jsqr').default;

/**
 * The texts of the codes in a picture: the browser's detector's where it has one; else `read`'s,
 * of the picture drawn at `width` × `height` (none for an empty one), with jsQR loaded.
 */
async function decoded(
  source: CanvasImageSource,
  width: number,
  height: number,
  read: (context: CanvasRenderingContext2D, jsQR: JsQR) => string[] | Promise<string[]>,
): Promise<string[]> {
  const native = await nativelyDecoded(source);
  if (native) return native;
  const context = drawn(source, width, height);
  if (!context) return [];
  const { default: jsQR } = await import('jsqr');
  return read(context, jsQR);
}

/** The texts of the QR codes in an image (a video frame, an <img>, a bitmap): one, usually. */
export function decodeQrCodes(source: CanvasImageSource, width: number, height: number): Promise<string[]> {
  return decoded(source, width, height, (context, jsQR) => {
    const found = jsQR(context.getImageData(0, 0, width, height).data, width, height);
    return found ? [found.data] : [];
  });
}

/** The picture on a canvas of its own, scaled to `width` × `height`; null for an empty one. */
function drawn(source: CanvasImageSource, width: number, height: number): CanvasRenderingContext2D | null {
  if (width === 0 || height === 0) return null;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context?.drawImage(source, 0, 0, width, height);
  return context;
}

/**
 * A phone's photo is scaled down to this many pixels on its long side: a printed code's
 * half-millimetre modules stay 3 pixels or more on a photo of the whole A4 page.
 */
const PHOTO_PIXELS = 2400;
/** Beyond the whole picture, windows of a half, a third and a quarter of its short side. */
const WINDOW_PARTS = [2, 3, 4];
/** More codes than one photo of a page holds: where the search stops whatever happens. */
const MOST_CODES = 60;
/** The longest the search keeps the page busy before it lets it draw and answer. */
const BUSY_MILLISECONDS = 50;

interface Point {
  x: number;
  y: number;
}

/** The whole picture, then overlapping windows of smaller and smaller sides, a quarter side apart. */
function* windowsOf(width: number, height: number) {
  yield { x: 0, y: 0, width, height };
  for (const parts of WINDOW_PARTS) {
    const side = Math.ceil(Math.min(width, height) / parts);
    const step = Math.max(1, Math.floor(side / 4));
    for (let y = 0; y < height - side + step; y += step)
      for (let x = 0; x < width - side + step; x += step)
        yield { x: Math.min(x, width - side), y: Math.min(y, height - side), width: side, height: side };
  }
}

/** Paints a found code out (a little beyond its corners), so that the next look finds another. */
function paintOut(context: CanvasRenderingContext2D, corners: readonly Point[], offset: Point): void {
  const centre = {
    x: corners.reduce((sum, corner) => sum + corner.x, 0) / corners.length,
    y: corners.reduce((sum, corner) => sum + corner.y, 0) / corners.length,
  };
  context.fillStyle = 'white';
  context.beginPath();
  for (const corner of corners)
    context.lineTo(
      offset.x + centre.x + (corner.x - centre.x) * 1.15,
      offset.y + centre.y + (corner.y - centre.y) * 1.15,
    );
  context.closePath();
  context.fill();
}

/**
 * The texts of every QR code in a photo (of a printed judge's sheet, whose codes sit in a grid).
 * jsQR reads one code an image and is confused by several (it pairs finder patterns of different
 * codes), so the picture is searched in windows, from the whole down to a quarter of its short
 * side; each code read is painted out and its window looked at again for the next.
 */
export function decodeQrCodesInPhoto(
  source: CanvasImageSource,
  width: number,
  height: number,
): Promise<string[]> {
  const scale = Math.min(1, PHOTO_PIXELS / Math.max(width, height));
  const [scaledWidth, scaledHeight] = [Math.round(width * scale), Math.round(height * scale)];
  return decoded(source, scaledWidth, scaledHeight, async (context, jsQR) => {
    const texts: string[] = [];
    let working = performance.now();
    for (const window of windowsOf(scaledWidth, scaledHeight)) {
      // A photo takes seconds to search: the console stays responsive meanwhile.
      if (performance.now() - working > BUSY_MILLISECONDS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        working = performance.now();
      }
      while (texts.length < MOST_CODES) {
        const pixels = context.getImageData(window.x, window.y, window.width, window.height).data;
        const found = jsQR(pixels, window.width, window.height, { inversionAttempts: 'dontInvert' });
        if (!found) break;
        texts.push(found.data);
        const { topLeftCorner, topRightCorner, bottomRightCorner, bottomLeftCorner } = found.location;
        paintOut(context, [topLeftCorner, topRightCorner, bottomRightCorner, bottomLeftCorner], window);
      }
    }
    return texts;
  });
}
