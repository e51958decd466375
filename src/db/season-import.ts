/**
 * A season built or extended from competitions' backups, in a module of its own: verifying a
 * backup needs the whole engine and the backup checks, which the season's other screens do not
 * load (the import screen loads this on demand).
 */

import type { Id } from '../domain/model';
import { type BackupSource, type ImportedRound, importBackups } from '../domain/season-import';
import type { LeitaiDB } from './database';
import { appendLedger, type LedgerAdditions, refusedBySeasonRules } from './season';

/**
 * Builds or extends the season from competitions' backups (src/domain/season-import.ts): each
 * verified, every final round posted. Importing the same backups again adds nothing.
 */
export async function importBackupsIntoSeason(
  db: LeitaiDB,
  seasonId: Id,
  backups: readonly BackupSource[],
): Promise<LedgerAdditions & { rounds: ImportedRound[] }> {
  let rounds: ImportedRound[] = [];
  const added = await appendLedger(db, seasonId, (season) => {
    try {
      const imported = importBackups(season, backups);
      rounds = imported.rounds;
      return imported.season;
    } catch (error) {
      refusedBySeasonRules(error);
    }
  });
  return { ...added, rounds };
}
