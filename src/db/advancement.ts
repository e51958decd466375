/**
 * 晋级: the contestants who go on from a round (e.g. 乡镇初赛) become contestants of a later
 * round of the same competition (市级决赛). Who goes on is the screen's choice, made with the
 * engine's standings and the awards' cut-off rule; this copies them, all or nothing.
 */

import type { Id } from '../domain/model';
import type { ContestantRecord, PhotoRecord } from '../domain/records';
import type { LeitaiDB } from './database';
import { getContestant, getRound, putEntities, roundScope } from './entities';
import { because, type ImportRowError, RepositoryError } from './errors';
import { newId } from './ids';
import { writeTransaction } from './log';

export interface Advancement {
  fromRoundId: Id;
  toRoundId: Id;
  /** In the order they should be listed in the target round (their ranking). */
  contestantIds: readonly Id[];
}

const sameEntry = (a: ContestantRecord, b: ContestantRecord) => a.name === b.name && a.unit === b.unit;

/**
 * Copies name, unit, topic and photo under new ids, active and not yet drawn, after the target
 * round's own contestants. Refused when the target already lists a contestant of the same name
 * and unit (advanced twice, or entered by hand): `rows` names each of them.
 */
export function advanceContestants(db: LeitaiDB, advancement: Advancement): Promise<ContestantRecord[]> {
  return writeTransaction(db, async () => {
    const from = await getRound(db, advancement.fromRoundId);
    const to = await getRound(db, advancement.toRoundId);
    if (from.id === to.id) throw new RepositoryError('invalid-field', because('advanceToSameRound'));
    if (from.competitionId !== to.competitionId) {
      throw new RepositoryError('invalid-field', because('advanceAcrossCompetitions'));
    }
    if (advancement.contestantIds.length === 0)
      throw new RepositoryError('invalid-field', because('nobodyAdvances'));
    if (new Set(advancement.contestantIds).size !== advancement.contestantIds.length) {
      throw new RepositoryError('invalid-field', because('advanceDuplicate'));
    }
    const advancing: ContestantRecord[] = [];
    for (const id of advancement.contestantIds) advancing.push(await getContestant(db, from.id, id));

    const present = await db.contestants.where('roundId').equals(to.id).toArray();
    const clashes: ImportRowError[] = advancing.flatMap((contestant, index) =>
      present.some((other) => sameEntry(other, contestant))
        ? [
            {
              list: 'contestants' as const,
              index,
              field: 'name',
              reason: because('sameNameAndUnit', { contestant: contestant.name }),
            },
          ]
        : [],
    );
    if (clashes.length > 0) {
      throw new RepositoryError(
        'duplicate-contestant',
        because('advanceClashes', {
          round: to.name,
          contestants: clashes.flatMap((row) => {
            const contestant = advancing[row.index];
            return contestant ? [{ name: contestant.name, unit: contestant.unit }] : [];
          }),
        }),
        clashes,
      );
    }

    const scope = roundScope(to);
    const photos: PhotoRecord[] = [];
    const firstOrder = Math.max(0, ...present.map((contestant) => contestant.order)) + 1;
    const copies = [];
    for (const [index, source] of advancing.entries()) {
      let photoId: Id | null = null;
      const photo = source.photoId === null ? undefined : await db.photos.get(source.photoId);
      if (photo) {
        photoId = newId();
        photos.push({ id: photoId, roundId: to.id, blob: photo.blob });
      }
      copies.push({
        id: newId(),
        roundId: to.id,
        name: source.name,
        unit: source.unit,
        topic: source.topic,
        photoId,
        status: 'active' as const,
        draw: null,
        order: firstOrder + index,
      });
    }
    await putEntities(db, 'photos', photos, scope);
    await putEntities(db, 'contestants', copies, scope);
    return copies;
  });
}
