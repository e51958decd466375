/**
 * The rule of signed sheets, over a log: which keys each judge registered, which submissions'
 * signatures verify, and which counted marks a valid signature covers. One rule for the host
 * console (before a reveal) and `leitai verify` (over a backup).
 *
 * A sheet is covered by the signature of the submission that owns it (the `sheet.submit` winning
 * its cell): it must verify against a key registered for that judge, and every counted mark of
 * the sheet must be the value signed for its criterion. A mark written after the signing (or
 * straight into the log) is therefore uncovered, whatever the hash chain says.
 *
 * Pure: WebCrypto is a parameter.
 */
import type { LeitaiEvent, MarkRow, Projection, SheetSignature } from './events.ts';
import type { Hundredths, Id } from './model.ts';
import { compareIds } from './order.ts';
import { handSignatureHolds, keyFingerprint, signedContentOf, verifySheetSignature } from './signing.ts';

/** A key as registered in the log, with what became of it. */
export interface RegisteredKey {
  judgeId: Id;
  deviceId: Id;
  publicKey: string;
  fingerprint: string;
  /** The registering event's id. */
  eventId: Id;
  retired: boolean;
  /**
   * Why the registration could not have come through the venue server, or null: the server
   * admits a key only from the judge's own tablet, under the device id it authenticated, with
   * the key's true fingerprint.
   */
  irregular: 'notByJudge' | 'otherDevice' | 'wrongFingerprint' | null;
}

function irregularityOf(event: LeitaiEvent<'judge.key.register'>): RegisteredKey['irregular'] {
  const { judgeId, deviceId, publicKey, fingerprint } = event.payload;
  if (event.author.role !== 'judge' || event.author.judgeId !== judgeId) return 'notByJudge';
  if (deviceId !== event.deviceId) return 'otherDevice';
  return keyFingerprint(publicKey) === fingerprint ? null : 'wrongFingerprint';
}

/** Every key registered in the log, in the log's own order (device, then sequence). */
export function registeredKeysOf(events: Iterable<LeitaiEvent>): RegisteredKey[] {
  const keys: RegisteredKey[] = [];
  const retired = new Set<string>();
  for (const event of events) {
    if (event.type === 'judge.key.retire')
      retired.add(`${event.payload.judgeId}/${event.payload.fingerprint}`);
    if (event.type !== 'judge.key.register') continue;
    const { judgeId, deviceId, publicKey, fingerprint } = event.payload;
    keys.push({
      judgeId,
      deviceId,
      publicKey,
      fingerprint,
      eventId: event.id,
      retired: false,
      irregular: irregularityOf(event),
    });
  }
  return keys
    .map((key) => ({ ...key, retired: retired.has(`${key.judgeId}/${key.fingerprint}`) }))
    .sort((a, b) => compareIds(a.judgeId, b.judgeId) || compareIds(a.eventId, b.eventId));
}

/**
 * What a submission's signature says: `valid` against a properly registered key of the judge,
 * `invalid` (it does not verify against the key it names), `unknownKey` (no key of the judge has
 * that fingerprint) or `irregularKey` (it verifies, against a key the server never admitted).
 */
export type SignatureState = 'valid' | 'invalid' | 'unknownKey' | 'irregularKey';

export interface SubmissionCheck {
  event: LeitaiEvent<'sheet.submit'>;
  signature: SheetSignature;
  state: SignatureState;
  key: RegisteredKey | null;
}

/** Checks the signature of every signed submission in `events` against the keys they register. */
export async function checkSubmissions(
  subtle: SubtleCrypto,
  events: readonly LeitaiEvent[],
): Promise<Map<Id, SubmissionCheck>> {
  const keys = registeredKeysOf(events);
  const checks = new Map<Id, SubmissionCheck>();
  for (const event of events) {
    if (event.type !== 'sheet.submit' || !event.payload.signature || event.roundId === null) continue;
    const { signature } = event.payload;
    // A handwritten signature swapped after signing no longer matches the signed digest.
    if (!handSignatureHolds(signature)) {
      checks.set(event.id, { event, signature, state: 'invalid', key: null });
      continue;
    }
    const candidates = keys.filter(
      (key) => key.judgeId === event.payload.judgeId && key.fingerprint === signature.keyFingerprint,
    );
    const content = signedContentOf(
      { competitionId: event.competitionId, roundId: event.roundId },
      event.payload,
      signature,
    );
    let found: SubmissionCheck = { event, signature, state: 'unknownKey', key: null };
    for (const key of candidates) {
      if (!(await verifySheetSignature(subtle, key.publicKey, content, signature.value))) {
        if (found.state === 'unknownKey') found = { event, signature, state: 'invalid', key };
        continue;
      }
      found = { event, signature, state: key.irregular ? 'irregularKey' : 'valid', key };
      if (!key.irregular) break;
    }
    checks.set(event.id, found);
  }
  return checks;
}

/** A sheet's signing, as the host and `leitai verify` see it. */
export type SheetSigning =
  /** Its owning submission is validly signed and every counted mark is the signed one. */
  | { state: 'signed'; fingerprint: string }
  /** Submitted without a signature (a log written before signing, or a tablet without WebCrypto). */
  | { state: 'unsigned' }
  /** Signed, but the signature does not hold (see SignatureState). */
  | { state: 'badSignature'; reason: Exclude<SignatureState, 'valid'> }
  /** Validly signed, but these criteria's counted marks are not what was signed. */
  | { state: 'changed'; criterionIds: Id[]; fingerprint: string };

/** One sheet's marks: its counted mark rows. */
export interface SheetMarks {
  roundId: Id;
  judgeId: Id;
  contestantId: Id;
  marks: readonly Pick<MarkRow, 'criterionId' | 'value'>[];
}

/**
 * The signing of a sheet owned by the submission `owner` (the sheet row's winning event), given
 * the checks of `checkSubmissions`. Null when the sheet is not submitted (never, or reopened).
 */
export function sheetSigningOf(
  owner: LeitaiEvent | undefined,
  marks: readonly Pick<MarkRow, 'criterionId' | 'value'>[],
  checks: ReadonlyMap<Id, SubmissionCheck>,
): SheetSigning | null {
  if (owner?.type !== 'sheet.submit') return null;
  if (!owner.payload.signature) return { state: 'unsigned' };
  const check = checks.get(owner.id);
  if (!check) return { state: 'badSignature', reason: 'invalid' };
  if (check.state !== 'valid') return { state: 'badSignature', reason: check.state };
  const changed = changedCriteria(check.signature, marks);
  const fingerprint = check.signature.keyFingerprint;
  return changed.length === 0
    ? { state: 'signed', fingerprint }
    : { state: 'changed', criterionIds: changed, fingerprint };
}

/** The criteria whose counted mark differs from the signed one (a mark added, changed or cleared). */
function changedCriteria(
  signature: SheetSignature,
  marks: readonly Pick<MarkRow, 'criterionId' | 'value'>[],
): Id[] {
  const signed = new Map(signature.marks.map((mark) => [mark.criterionId, mark.value]));
  const counted = new Map<Id, Hundredths>();
  for (const mark of marks) if (mark.value !== null) counted.set(mark.criterionId, mark.value);
  const criteria = new Set([...signed.keys(), ...counted.keys()]);
  return [...criteria]
    .filter((criterionId) => signed.get(criterionId) !== counted.get(criterionId))
    .sort(compareIds);
}

/** The event that owns each sheet of a projection, by the projection's sheet key. */
export function sheetOwnersOf(
  events: Iterable<LeitaiEvent>,
  projection: Projection,
): Map<string, LeitaiEvent> {
  const wanted = new Map<string, string>();
  for (const [key, row] of Object.entries(projection.sheets)) wanted.set(row.head.eventId, key);
  const owners = new Map<string, LeitaiEvent>();
  for (const event of events) {
    const key = wanted.get(event.id);
    if (key !== undefined) owners.set(key, event);
  }
  return owners;
}

/** A counted mark that no valid signature covers, and why. */
export interface UncoveredMark {
  roundId: Id;
  judgeId: Id;
  contestantId: Id;
  criterionId: Id;
  value: Hundredths;
  /** What the judge signed for this criterion, when a valid signature says otherwise. */
  signedValue: Hundredths | null;
  why: 'notSubmitted' | 'unsigned' | 'changed' | Exclude<SignatureState, 'valid'>;
}

/** One round's signing: every sheet's state, and the counted marks no valid signature covers. */
export interface RoundSigning {
  sheets: Map<string, SheetSigning | null>;
  uncovered: UncoveredMark[];
  /** Per cell (`[round, judge, contestant, criterion]` key), the value a valid signature gives it. */
  signedValues: Map<string, Hundredths>;
}

function sheetKey(roundId: Id, judgeId: Id, contestantId: Id): string {
  return JSON.stringify([roundId, judgeId, contestantId]);
}

/** The signing of every sheet of `roundId` in a fold of `events`. */
export function roundSigningOf(
  events: readonly LeitaiEvent[],
  projection: Projection,
  roundId: Id,
  checks: ReadonlyMap<Id, SubmissionCheck>,
): RoundSigning {
  const owners = sheetOwnersOf(events, projection);
  const bySheet = new Map<string, MarkRow[]>();
  for (const row of Object.values(projection.marks)) {
    if (row.roundId !== roundId) continue;
    const key = sheetKey(row.roundId, row.judgeId, row.contestantId);
    bySheet.set(key, [...(bySheet.get(key) ?? []), row]);
  }
  const sheets = new Map<string, SheetSigning | null>();
  const uncovered: UncoveredMark[] = [];
  const signedValues = new Map<string, Hundredths>();
  for (const row of Object.values(projection.sheets)) {
    if (row.roundId !== roundId) continue;
    const key = sheetKey(row.roundId, row.judgeId, row.contestantId);
    const owner = owners.get(key);
    sheets.set(key, sheetSigningOf(owner, bySheet.get(key) ?? [], checks));
    const check = owner ? checks.get(owner.id) : undefined;
    if (check?.state !== 'valid') continue;
    for (const mark of check.signature.marks) {
      signedValues.set(
        JSON.stringify([roundId, row.judgeId, row.contestantId, mark.criterionId]),
        mark.value,
      );
    }
  }
  for (const [key, rows] of bySheet) {
    const signing = sheets.get(key) ?? null;
    for (const row of rows) {
      if (row.value === null) continue;
      const signedValue =
        signedValues.get(JSON.stringify([roundId, row.judgeId, row.contestantId, row.criterionId])) ?? null;
      if (signedValue === row.value && signing?.state !== 'badSignature') continue;
      const why: UncoveredMark['why'] =
        signing === null
          ? 'notSubmitted'
          : signing.state === 'badSignature'
            ? signing.reason
            : signing.state === 'unsigned'
              ? 'unsigned'
              : 'changed';
      const { judgeId, contestantId, criterionId, value } = row;
      uncovered.push({ roundId, judgeId, contestantId, criterionId, value, signedValue, why });
    }
  }
  uncovered.sort(
    (a, b) =>
      compareIds(a.contestantId, b.contestantId) ||
      compareIds(a.judgeId, b.judgeId) ||
      compareIds(a.criterionId, b.criterionId),
  );
  return { sheets, uncovered, signedValues };
}

/**
 * The projection with the round's marks as the valid signatures give them: a covered mark kept,
 * a changed one back to its signed value, one no valid signature covers removed. Scoring it gives
 * the standings of the signed marks alone.
 */
export function signedOnlyProjection(projection: Projection, roundId: Id, signing: RoundSigning): Projection {
  const marks: Projection['marks'] = {};
  for (const [key, row] of Object.entries(projection.marks)) {
    if (row.roundId !== roundId) {
      marks[key] = row;
      continue;
    }
    const signed = signing.signedValues.get(
      JSON.stringify([row.roundId, row.judgeId, row.contestantId, row.criterionId]),
    );
    if (signed !== undefined) marks[key] = { ...row, value: signed };
  }
  return { ...projection, marks };
}
