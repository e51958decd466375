/**
 * Getting a token from the venue server: the organizer claims it (first start) or logs in, a
 * judge's tablet joins with the judge's join code, the projector with the server's projector
 * code. Each stores the session on the device; the caller then tells its SyncClient.
 *
 * Each also proves which device asks (`DeviceProof`): this device's id and, once the server has
 * issued one, the device key it gave for that id. The keys are per server, so the device first
 * asks the server who it is (`hello`).
 */

import type { LeitaiDB } from '../db/database';
import { getDeviceId } from '../db/log';
import type {
  DeviceListResponse,
  DeviceProof,
  HelloResponse,
  PresenceResponse,
  SessionInfo,
} from './protocol';
import { forgetSession, readDeviceKey, readSession, saveSession } from './sync-state';
import { request, type SyncTransport } from './transport';

export function hello(transport: SyncTransport): Promise<HelloResponse> {
  return request<HelloResponse>(transport, { method: 'GET', path: '/hello' });
}

async function deviceProof(db: LeitaiDB, transport: SyncTransport): Promise<DeviceProof> {
  const deviceId = await getDeviceId(db);
  const { serverId } = await hello(transport);
  const deviceKey = await readDeviceKey(db, serverId);
  if (deviceKey !== undefined) return { deviceId, deviceKey };
  // Joined under protocol 1, before device keys: the server takes that session's token as the
  // key once, and issues a key of its own (src/server/store.ts, bindLegacyDevices).
  const session = await readSession(db);
  return session?.serverId === serverId ? { deviceId, deviceKey: session.token } : { deviceId };
}

async function open(
  db: LeitaiDB,
  transport: SyncTransport,
  path: string,
  fields: object,
): Promise<SessionInfo> {
  const proof = await deviceProof(db, transport);
  const session = await request<SessionInfo>(transport, {
    method: 'POST',
    path,
    body: { ...fields, ...proof },
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

/** For the host console: each judge of the round, a tablet online now and its last contact. */
export async function fetchPresence(
  db: LeitaiDB,
  transport: SyncTransport,
  roundId: string,
): Promise<PresenceResponse> {
  return request<PresenceResponse>(transport, {
    method: 'GET',
    path: '/presence',
    query: { round: roundId },
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

/**
 * Lets a revoked device in again. Its session ended with the revocation: it joins again with a
 * join code (or the password), as a new device would.
 */
export async function readmitDevice(
  db: LeitaiDB,
  transport: SyncTransport,
  deviceId: string,
): Promise<number> {
  const reply = await request<{ readmitted: number }>(transport, {
    method: 'POST',
    path: '/devices/readmit',
    token: await organizerToken(db),
    body: { deviceId },
  });
  return reply.readmitted;
}
