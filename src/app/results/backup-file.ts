/**
 * The backup file as text: written from the device (photos to their wire form, the chain
 * built over exactly that JSON) and read back with every check, before anything is restored.
 * The format is src/domain/backup.ts; events are checked by the sync protocol's validator.
 */

import { readCompetitionArchive } from '../../db/backup';
import type { LeitaiDB } from '../../db/database';
import {
  type BackupChainProblem,
  type BackupFile,
  type BackupRefusal,
  checkBackup,
  checkBackupChain,
  makeBackup,
} from '../../domain/backup';
import type { LeitaiEvent } from '../../domain/events';
import type { Id } from '../../domain/model';
import { parseWireEvent, type WireEvent } from '../../sync/protocol';
import { fromWire, toWireAll } from '../../sync/wire';

/** Wire events are the JSON form of events, which the chain is computed over. */
const asChainEvents = (events: readonly WireEvent[]) => events as unknown as LeitaiEvent[];

export async function createBackup(db: LeitaiDB, competitionId: Id, exportedAt: string): Promise<BackupFile> {
  const archive = await readCompetitionArchive(db, competitionId);
  return makeBackup({
    exportedAt,
    competition: archive.competition,
    events: asChainEvents(await toWireAll(archive.events)),
    unlisted: archive.unlisted,
    results: archive.results,
  });
}

/** Pretty at the top, one chained event per line: readable, and a diff shows what changed. */
export function backupText(backup: BackupFile): string {
  const placeholder = '"__events__"';
  const outline = JSON.stringify({ ...backup, events: '__events__' }, null, 2);
  const events = backup.events.map((entry) => `    ${JSON.stringify(entry)}`).join(',\n');
  return `${outline.replace(placeholder, backup.events.length > 0 ? `[\n${events}\n  ]` : '[]')}\n`;
}

export type BackupRead =
  | { ok: true; backup: BackupFile; events: LeitaiEvent[] }
  | { ok: false; refusal: BackupRefusal | { kind: 'notJson' } | { kind: 'brokenChain'; problems: BackupChainProblem[] } };

/** Reads a backup file's text: refused whole unless it is a well-formed, intact backup. */
export function readBackupText(text: string): BackupRead {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { ok: false, refusal: { kind: 'notJson' } };
  }
  const checked = checkBackup(value, parseWireEvent);
  if (!checked.ok) return checked;
  const problems = checkBackupChain(checked.backup);
  if (problems.length > 0) return { ok: false, refusal: { kind: 'brokenChain', problems } };
  const events = checked.backup.events.map(({ event }) => fromWire(event as unknown as WireEvent));
  return { ok: true, backup: checked.backup, events };
}
