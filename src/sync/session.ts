/**
 * Getting a token from the venue server: the organizer claims it (first start) or logs in, a
 * judge's tablet joins with the judge's join code, the projector with the server's projector
 * code. Each stores the session on the device; the caller then tells its SyncClient.
 */

import type { LeitaiDB } from '../db/database';
import { getDeviceId } from '../db/log';
import type { DeviceListResponse, HelloResponse, SessionInfo } from './protocol';
import { forgetSession, readSession, saveSession } from './sync-state';
import { request, type SyncTransport } from './transport';

export function hello(transport: SyncTransport): Promise<HelloResponse> {
  return request<HelloResponse>(transport, { method: 'GET', path: '/hello' });
}

async function open(
  db: LeitaiDB,
  transport: SyncTransport,
  path: string,
  fields: object,
): Promise<SessionInfo> {
  const deviceId = await getDeviceId(db);
  const session = await request<SessionInfo>(transport, {
    method: 'POST',
    path,
    body: { ...fields, deviceId },
  });
  await saveSession(db, session);
  return session;
}

export function claimServer(
  db: LeitaiDB,
  transport: SyncTransport,
  claimCode: string,
  password: string,
): Promise<SessionInfo> {
  return open(db, transport, '/claim', { claimCode: claimCode.replace(/\s/g, ''), password });
}

export function loginAsOrganizer(
  db: LeitaiDB,
  transport: SyncTransport,
  password: string,
): Promise<SessionInfo> {
  return open(db, transport, '/login', { password });
}

export function joinWithJudgeCode(
  db: LeitaiDB,
  transport: SyncTransport,
  code: string,
): Promise<SessionInfo> {
  return open(db, transport, '/join/judge', { code: code.trim() });
}

export function joinWithProjectorCode(
  db: LeitaiDB,
  transport: SyncTransport,
  code: string,
): Promise<SessionInfo> {
  return open(db, transport, '/join/projector', { code: code.replace(/\s/g, '') });
}

export { forgetSession, readSession };

async function organizerToken(db: LeitaiDB): Promise<string> {
  const session = await readSession(db);
  if (session?.role !== 'organizer') throw new Error('this device is not logged in as the organizer');
  return session.token;
}

export async function listDevices(db: LeitaiDB, transport: SyncTransport): Promise<DeviceListResponse> {
  return request<DeviceListResponse>(transport, {
    method: 'GET',
    path: '/devices',
    token: await organizerToken(db),
  });
}

export async function revokeDevice(
  db: LeitaiDB,
  transport: SyncTransport,
  deviceId: string,
): Promise<number> {
  const reply = await request<{ revoked: number }>(transport, {
    method: 'POST',
    path: '/devices/revoke',
    token: await organizerToken(db),
    body: { deviceId },
  });
  return reply.revoked;
}
