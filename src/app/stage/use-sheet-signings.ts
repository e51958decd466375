/**
 * The host console's check of the judges' signatures (src/domain/signing-checks.ts): the round's
 * submissions verified against the keys registered in its competition, with WebCrypto, whenever
 * a submission or a key arrives; then each sheet's signing from its owning submission and its
 * counted marks. Where this page has no WebCrypto (plain http), the console says it cannot check.
 * The checks load on demand: they are no part of the console's initial JavaScript.
 */

type SigningChecks = typeof import('../../domain/signing-checks');

import { useEffect, useMemo, useState } from 'react';
import { signingEventsOfRound } from '../../db/queries/signing';
import { availableSubtle, type ScoringRows } from '../../db/repository';
import type { LeitaiEvent } from '../../domain/events';
import type { Id } from '../../domain/model';
import type { SheetSigning, SubmissionCheck } from '../../domain/signing-checks';
import { useLiveRead } from '../live-read';

export type SheetSignings =
  /** A rehearsal's simulated sheets are never signed: nothing to check. */
  | { state: 'notApplicable' }
  /** No WebCrypto on this page: signatures cannot be checked here. */
  | { state: 'unavailable' }
  | { state: 'checking' }
  | { state: 'checked'; signingOf: (judgeId: Id, contestantId: Id) => SheetSigning | null };

/** `checkNow`: false until the console's first screen is painted (the checks load on demand). */
export function useSheetSignings(
  roundId: Id,
  rows: ScoringRows | undefined,
  rehearsal: boolean,
  checkNow: boolean,
): SheetSignings {
  const events = useLiveRead(signingEventsOfRound, roundId);
  const subtle = availableSubtle();
  const [checked, setChecked] = useState<{
    events: LeitaiEvent[];
    checks: Map<Id, SubmissionCheck>;
    rules: SigningChecks;
  } | null>(null);
  useEffect(() => {
    if (!events || !subtle || rehearsal || !checkNow) return;
    let current = true;
    void import('../../domain/signing-checks').then(async (rules) => {
      const checks = await rules.checkSubmissions(subtle, events);
      if (current) setChecked({ events, checks, rules });
    });
    return () => {
      current = false;
    };
  }, [events, subtle, rehearsal, checkNow]);
  return useMemo((): SheetSignings => {
    if (rehearsal) return { state: 'notApplicable' };
    if (!subtle) return { state: 'unavailable' };
    if (!checked || !rows) return { state: 'checking' };
    const byId = new Map(checked.events.map((event) => [event.id, event]));
    return {
      state: 'checked',
      signingOf: (judgeId, contestantId) => {
        const sheet = rows.sheets.find((row) => row.judgeId === judgeId && row.contestantId === contestantId);
        if (!sheet) return null;
        const marks = rows.marks.filter(
          (row) => row.judgeId === judgeId && row.contestantId === contestantId,
        );
        return checked.rules.sheetSigningOf(byId.get(sheet.head.eventId), marks, checked.checks);
      },
    };
  }, [rehearsal, subtle, checked, rows]);
}
