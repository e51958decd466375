/**
 * A venue's photos as its log on the hub holds them, read when advancement carries them to the
 * final's venue (./advancement.ts). The dashboard keeps no photo in memory (./dashboard.ts): a
 * photo is megabytes of base64, so only the few asked for are read, and folded by the domain's
 * rules, so a photo written twice is the one the venue's own devices show.
 */

import { foldEvents, type LeitaiEvent } from '../domain/events';
import type { Id } from '../domain/model';
import type { WireBlob } from '../sync/protocol';
import type { HubStore } from './store';

/** The venue's current photos of these ids (a deleted or unknown one is left out). */
export async function venuePhotos(
  store: HubStore,
  venueId: Id,
  photoIds: readonly Id[],
): Promise<Map<Id, WireBlob>> {
  if (photoIds.length === 0) return new Map();
  const { rows } = await store.pool.query<{ body: string }>(
    `SELECT body FROM (
       SELECT seq, body, body::jsonb -> 'payload' AS payload FROM events
       WHERE venue_id = $1 AND type IN ('entity.put', 'entity.delete')
     ) AS setup
     WHERE payload ->> 'table' = 'photos'
       AND COALESCE(payload -> 'entity' ->> 'id', payload ->> 'entityId') = ANY($2)
     ORDER BY seq`,
    [venueId, photoIds],
  );
  const photos = foldEvents(rows.map((row) => JSON.parse(row.body) as LeitaiEvent)).entities.photos;
  // On the wire a photo's blob is text (WireBlob), and folding keeps it as it came.
  return new Map(Object.values(photos).map((photo) => [photo.id, photo.blob as unknown as WireBlob]));
}
