/** Reads of the judges' signatures (src/domain/signing-checks.ts) that screens need. */

import type { LeitaiEvent } from '../../domain/events';
import type { Id } from '../../domain/model';
import type { LeitaiDB } from '../database';

/**
 * What checking the round's signatures needs: its submissions (signed or not, every version) and
 * the signing keys registered and retired in its competition.
 */
export function signingEventsOfRound(db: LeitaiDB, roundId: Id): Promise<LeitaiEvent[]> {
  return db.transaction('r', [db.rounds, db.events], async () => {
    const round = await db.rounds.get(roundId);
    if (!round) return [];
    const keys = await db.events
      .where('type')
      .anyOf(['judge.key.register', 'judge.key.retire'])
      .filter((event) => event.competitionId === round.competitionId)
      .toArray();
    const submissions = await db.events.where('[roundId+type]').equals([roundId, 'sheet.submit']).toArray();
    return [...keys, ...submissions];
  });
}

function keyEventsOfCompetition(db: LeitaiDB, competitionId: Id): Promise<LeitaiEvent[]> {
  return db.events
    .where('type')
    .anyOf(['judge.key.register', 'judge.key.retire'])
    .filter((event) => event.competitionId === competitionId)
    .toArray();
}

/**
 * By judge, the fingerprints of their signing keys in use (registered, not retired): what the
 * organizer's judges list and the printed code sheet show. Empty before the judge's tablet joins.
 */
export async function judgeKeyFingerprints(
  db: LeitaiDB,
  competitionId: Id | undefined,
): Promise<Map<Id, string[]>> {
  const fingerprints = new Map<Id, string[]>();
  if (competitionId === undefined) return fingerprints;
  // Read without the signing checks (src/domain/signing-checks.ts), which no page loads up front.
  const events = await keyEventsOfCompetition(db, competitionId);
  const retired = new Set(
    events.flatMap((event) =>
      event.type === 'judge.key.retire' ? [`${event.payload.judgeId}/${event.payload.fingerprint}`] : [],
    ),
  );
  for (const event of events) {
    if (event.type !== 'judge.key.register') continue;
    const { judgeId, fingerprint } = event.payload;
    if (retired.has(`${judgeId}/${fingerprint}`)) continue;
    fingerprints.set(judgeId, [...(fingerprints.get(judgeId) ?? []), fingerprint]);
  }
  return fingerprints;
}
