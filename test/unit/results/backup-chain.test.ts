// @vitest-environment node
/** The backup's chain check on random logs: intact is clean; any removal or swap is caught. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BackupFile, checkBackupChain, makeBackup, unlistedSeqs } from '../../../src/domain/backup';
import type { LeitaiEvent } from '../../../src/domain/events';
import { eventLog } from '../db/arbitrary-events';

const SUMMARY = { id: 'competition', name: '擂台比武', rounds: [] };

function backupOf(events: readonly LeitaiEvent[], unlisted = unlistedSeqs(events, () => false)): BackupFile {
  return makeBackup({
    exportedAt: '2026-06-18T20:00:00.000Z',
    competition: SUMMARY,
    events,
    unlisted,
    results: [],
  });
}

const logOfThree = eventLog.filter((log) => log.length >= 3);

describe('checkBackupChain', () => {
  it('finds nothing wrong with an intact backup', () => {
    fc.assert(
      fc.property(eventLog, (log) => {
        expect(checkBackupChain(backupOf(log))).toEqual([]);
      }),
    );
  });

  it('catches any removed event', () => {
    fc.assert(
      fc.property(logOfThree, fc.nat(), (log, pick) => {
        const backup = backupOf(log);
        const at = pick % backup.events.length;
        const removed = { ...backup, events: backup.events.filter((_, index) => index !== at) };
        expect(checkBackupChain(removed).length).toBeGreaterThan(0);
      }),
    );
  });

  it('catches any two events swapped, and does not call it a removal', () => {
    fc.assert(
      fc.property(logOfThree, fc.nat(), (log, pick) => {
        const backup = backupOf(log);
        const at = pick % (backup.events.length - 1);
        const events = [...backup.events];
        [events[at], events[at + 1]] = [
          events[at + 1] as BackupFile['events'][0],
          events[at] as BackupFile['events'][0],
        ];
        const problems = checkBackupChain({ ...backup, events });
        expect(problems.map((problem) => problem.kind)).toContain('outOfOrder');
        expect(problems.map((problem) => problem.kind)).not.toContain('gap');
      }),
    );
  });

  it('accepts the numbers a device used in another competition, and only those', () => {
    fc.assert(
      fc.property(logOfThree, fc.nat(), (log, pick) => {
        // Some events "belong to another competition": left out, and listed as such.
        const elsewhere = new Set(log.filter((_, index) => index % 3 === pick % 3).map((event) => event.id));
        const kept = log.filter((event) => !elsewhere.has(event.id));
        const heldElsewhere = (deviceId: string, seq: number) =>
          log.some(
            (event) => event.deviceId === deviceId && event.deviceSeq === seq && elsewhere.has(event.id),
          );
        const backup = backupOf(kept, unlistedSeqs(kept, heldElsewhere));
        expect(checkBackupChain(backup)).toEqual([]);
        expect(backup.unlisted.every((run) => run.reason === 'otherCompetition')).toBe(true);
        if (backup.events.length > 1) {
          const removed = { ...backup, events: backup.events.slice(1) };
          expect(checkBackupChain(removed).length).toBeGreaterThan(0);
        }
      }),
    );
  });
});
