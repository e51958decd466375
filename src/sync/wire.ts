/**
 * Events to and from their wire form: JSON has no Blob, so a photo entity's picture travels as
 * base64 with its media type. Every other event is sent as it is.
 */

import type { LeitaiEvent } from '../domain/events';
import type { WireBlob, WireEvent } from './protocol';

const CHUNK = 0x8000;

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  }
  return btoa(binary);
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function blobToWire(blob: Blob): Promise<WireBlob> {
  return { mediaType: blob.type, base64: bytesToBase64(new Uint8Array(await blob.arrayBuffer())) };
}

function isPhotoPut(event: LeitaiEvent | WireEvent): boolean {
  return event.type === 'entity.put' && event.payload.table === 'photos';
}

export async function toWire(event: LeitaiEvent): Promise<WireEvent> {
  if (!isPhotoPut(event)) return event as WireEvent;
  const photo = event as LeitaiEvent<'entity.put'> & { payload: { table: 'photos' } };
  const { entity } = photo.payload;
  return {
    ...photo,
    payload: { ...photo.payload, entity: { ...entity, blob: await blobToWire(entity.blob) } },
  } as WireEvent;
}

export function fromWire(event: WireEvent): LeitaiEvent {
  if (!isPhotoPut(event)) return event as LeitaiEvent;
  const photo = event as WireEvent & { payload: { table: 'photos'; entity: { blob: WireBlob } } };
  const { entity } = photo.payload;
  const blob = new Blob([base64ToBytes(entity.blob.base64)], { type: entity.blob.mediaType });
  return { ...photo, payload: { ...photo.payload, entity: { ...entity, blob } } } as LeitaiEvent;
}

export function toWireAll(events: readonly LeitaiEvent[]): Promise<WireEvent[]> {
  return Promise.all(events.map(toWire));
}
