/**
 * The judges' signatures of a round's sheets for the results (exports and prints): per
 * contestant, how many submitted sheets a valid signature covers and the signing keys'
 * fingerprints (src/domain/signing-checks.ts, verified with WebCrypto). Loaded on demand.
 */

import type { LeitaiDB } from '../../db/database';
import { signingEventsOfRound } from '../../db/queries/signing';
import { availableSubtle, scoringRowsOfRound } from '../../db/repository';
import type { Id } from '../../domain/model';
import { checkSubmissions, sheetSigningOf } from '../../domain/signing-checks';

export interface ContestantSignatures {
  signed: number;
  submitted: number;
  fingerprints: string[];
}

/**
 * By contestant, the signatures of their submitted sheets; null when this page cannot check
 * them (no WebCrypto) or when no judge of the competition registered a key (no signing in use).
 */
export async function roundSignatures(
  db: LeitaiDB,
  roundId: Id,
): Promise<Map<Id, ContestantSignatures> | null> {
  const subtle = availableSubtle();
  if (!subtle) return null;
  const events = await signingEventsOfRound(db, roundId);
  if (!events.some((event) => event.type === 'judge.key.register')) return null;
  const rows = await scoringRowsOfRound(db, roundId);
  const checks = await checkSubmissions(subtle, events);
  const byId = new Map(events.map((event) => [event.id, event]));
  const signatures = new Map<Id, ContestantSignatures>();
  for (const sheet of rows.sheets) {
    if (sheet.status !== 'submitted') continue;
    const marks = rows.marks.filter(
      (mark) => mark.judgeId === sheet.judgeId && mark.contestantId === sheet.contestantId,
    );
    const signing = sheetSigningOf(byId.get(sheet.head.eventId), marks, checks);
    const entry = signatures.get(sheet.contestantId) ?? { signed: 0, submitted: 0, fingerprints: [] };
    entry.submitted += 1;
    if (signing?.state === 'signed') {
      entry.signed += 1;
      entry.fingerprints.push(signing.fingerprint);
    }
    signatures.set(sheet.contestantId, entry);
  }
  return signatures;
}
