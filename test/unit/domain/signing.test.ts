// @vitest-environment node
/**
 * Signed sheets: the canonical encoding (one text whatever the order of fields or marks), ECDSA
 * P-256 signing and verification through WebCrypto, the key fingerprint, and that any change
 * to a signed mark, criterion, contestant or judge fails verification.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalSheetBytes,
  canonicalSheetText,
  decodeBase64,
  encodeBase64,
  keyFingerprint,
  type SheetContent,
  SIGNATURE_ALGORITHM,
  SIGNING_KEY_ALGORITHM,
  verifySheetSignature,
} from '../../../src/domain/signing';

const { subtle } = globalThis.crypto;

async function newKey(): Promise<{ pair: CryptoKeyPair; publicKey: string }> {
  const pair = await subtle.generateKey(SIGNING_KEY_ALGORITHM, false, ['sign', 'verify']);
  const raw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  return { pair, publicKey: encodeBase64(raw) };
}

async function sign(pair: CryptoKeyPair, content: SheetContent): Promise<string> {
  const signature = await subtle.sign(SIGNATURE_ALGORITHM, pair.privateKey, canonicalSheetBytes(content));
  return encodeBase64(new Uint8Array(signature));
}

const sheet: SheetContent = {
  competitionId: 'c1',
  roundId: 'r1',
  judgeId: 'j1',
  contestantId: 'p1',
  revision: 1,
  signedAt: '2026-12-04T09:30:00.000Z',
  marks: [
    { criterionId: 'k2', value: 2750 },
    { criterionId: 'k1', value: 1800 },
    { criterionId: 'k3', value: 900 },
  ],
  handSignatureDigest: null,
};

const id = fc.string({ minLength: 1, maxLength: 12 });
const contentArbitrary: fc.Arbitrary<SheetContent> = fc.record({
  competitionId: id,
  roundId: id,
  judgeId: id,
  contestantId: id,
  revision: fc.integer({ min: 1, max: 1000 }),
  signedAt: fc.constant('2026-12-04T09:30:00.000Z'),
  marks: fc.uniqueArray(fc.record({ criterionId: id, value: fc.integer({ min: 0, max: 10_000 }) }), {
    minLength: 1,
    maxLength: 15,
    selector: (mark) => mark.criterionId,
  }),
  handSignatureDigest: fc.option(fc.constant('ab'.repeat(32)), { nil: null }),
});

describe('the canonical encoding of a sheet', () => {
  it('is tagged, sorts the marks by criterion and the keys by name', () => {
    expect(canonicalSheetText(sheet)).toBe(
      '{"competitionId":"c1","contestantId":"p1","encoding":"leitai-sheet-v1","handSignatureDigest":null,' +
        '"judgeId":"j1","marks":[{"criterionId":"k1","value":1800},{"criterionId":"k2","value":2750},' +
        '{"criterionId":"k3","value":900}],"revision":1,"roundId":"r1","signedAt":"2026-12-04T09:30:00.000Z"}',
    );
  });

  it('is the same text whatever the order of fields or marks (property)', () => {
    fc.assert(
      fc.property(
        contentArbitrary,
        fc.func(fc.integer()),
        fc.func(fc.integer()),
        (content, markKey, fieldKey) => {
          const marks = [...content.marks]
            .map((mark) => ({ value: mark.value, criterionId: mark.criterionId }))
            .sort((a, b) => markKey(a) - markKey(b));
          const fields = Object.entries({ ...content, marks }).sort(([a], [b]) => fieldKey(a) - fieldKey(b));
          const reordered = Object.fromEntries(fields) as unknown as SheetContent;
          expect(canonicalSheetText(reordered)).toBe(canonicalSheetText(content));
        },
      ),
    );
  });
});

describe('base64 and fingerprints', () => {
  it('encodes and decodes as Node does (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect([...(decodeBase64(text) ?? [])]).toEqual([...bytes]);
      }),
    );
  });

  it('refuses text that is not base64', () => {
    expect(decodeBase64('abc')).toBeNull();
    expect(decodeBase64('ab!d')).toBeNull();
  });

  it('gives a key its first 8 bytes of SHA-256 in four groups', async () => {
    const { publicKey } = await newKey();
    const fingerprint = keyFingerprint(publicKey);
    expect(fingerprint).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    const digest = new Uint8Array(
      await subtle.digest('SHA-256', decodeBase64(publicKey) as Uint8Array<ArrayBuffer>),
    );
    const expected = Buffer.from(digest.slice(0, 8)).toString('hex').toUpperCase();
    expect(fingerprint?.replaceAll('-', '')).toBe(expected);
    expect(keyFingerprint('not base64')).toBeNull();
  });
});

describe('signing and verification', () => {
  it('verifies a signature by the key, and not by another key', async () => {
    const judge = await newKey();
    const other = await newKey();
    const signature = await sign(judge.pair, sheet);
    expect(await verifySheetSignature(subtle, judge.publicKey, sheet, signature)).toBe(true);
    expect(await verifySheetSignature(subtle, other.publicKey, sheet, signature)).toBe(false);
  });

  it('verifies the same sheet with its marks in another order', async () => {
    const judge = await newKey();
    const signature = await sign(judge.pair, sheet);
    const reordered = { ...sheet, marks: [...sheet.marks].reverse() };
    expect(await verifySheetSignature(subtle, judge.publicKey, reordered, signature)).toBe(true);
  });

  it('treats a malformed key or signature as a signature that does not verify', async () => {
    const judge = await newKey();
    const signature = await sign(judge.pair, sheet);
    expect(await verifySheetSignature(subtle, 'AAAA', sheet, signature)).toBe(false);
    expect(await verifySheetSignature(subtle, judge.publicKey, sheet, 'AAAA')).toBe(false);
    const offCurve = encodeBase64(new Uint8Array([4, ...new Array(64).fill(7)]));
    expect(await verifySheetSignature(subtle, offCurve, sheet, signature)).toBe(false);
  });

  it('fails on any change to a signed mark, criterion, contestant, judge or revision (property)', async () => {
    const judge = await newKey();
    const changes: fc.Arbitrary<(content: SheetContent) => SheetContent>[] = [
      id.map((value) => (content) => ({ ...content, judgeId: `${content.judgeId}${value}` })),
      id.map((value) => (content) => ({ ...content, contestantId: `${content.contestantId}${value}` })),
      id.map((value) => (content) => ({ ...content, roundId: `${content.roundId}${value}` })),
      fc
        .integer({ min: 1, max: 50 })
        .map((step) => (content) => ({ ...content, revision: content.revision + step })),
      fc.tuple(fc.nat(), fc.integer({ min: 1, max: 500 })).map(([at, step]) => (content) => ({
        ...content,
        marks: content.marks.map((mark, index) =>
          index === at % content.marks.length ? { ...mark, value: mark.value + step } : mark,
        ),
      })),
      fc.tuple(fc.nat(), id).map(([at, suffix]) => (content) => ({
        ...content,
        marks: content.marks.map((mark, index) =>
          index === at % content.marks.length
            ? { ...mark, criterionId: `${mark.criterionId}${suffix}` }
            : mark,
        ),
      })),
      fc.nat().map((at) => (content) => ({
        ...content,
        marks: content.marks.filter(
          (_, index) => content.marks.length > 1 && index !== at % content.marks.length,
        ),
      })),
      fc.constant((content: SheetContent) => ({ ...content, handSignatureDigest: 'cd'.repeat(32) })),
    ];
    await fc.assert(
      fc.asyncProperty(contentArbitrary, fc.oneof(...changes), async (content, change) => {
        const signature = await sign(judge.pair, content);
        const changed = change(content);
        expect(await verifySheetSignature(subtle, judge.publicKey, content, signature)).toBe(true);
        expect(await verifySheetSignature(subtle, judge.publicKey, changed, signature)).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
