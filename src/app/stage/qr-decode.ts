/**
 * Reading QR codes on the host console: the browser's BarcodeDetector where it has one (Chromium
 * on most laptops), else jsQR over the pixels (loaded only then). The same for a camera's frame
 * and for a photo of a printed sheet.
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

/** The texts of the QR codes in an image (a video frame, an <img>, a bitmap): one, usually. */
export async function decodeQrCodes(
  source: CanvasImageSource,
  width: number,
  height: number,
): Promise<string[]> {
  const native = nativeDetector();
  if (native) {
    try {
      return (await native.detect(source)).map((code) => code.rawValue);
    } catch {
      // A detector present but unusable (no QR support on this system): read the pixels instead.
      detector = null;
    }
  }
  if (width === 0 || height === 0) return [];
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return [];
  context.drawImage(source, 0, 0, width, height);
  const { default: jsQR } = await import('jsqr');
  const found = jsQR(context.getImageData(0, 0, width, height).data, width, height);
  return found ? [found.data] : [];
}
