/**
 * A venue server small enough to read at a glance, for the device side's tests while the real
 * core (src/server/core.ts) is being reworked: it answers push event by event (refusing what the
 * test says), pulls page by page with a per-device filter (as the server filters by role),
 * issues device keys at joins, and lets a test take it down or put a reply in the way. Every
 * request and reply goes through JSON, as on the network. And a virtual clock, so that retries
 * are timed without real waiting.
 */

import { vi } from 'vitest';
import type { Timers } from '../../../src/sync/client';
import {
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  type PullResponse,
  type PushResponse,
  type RefusedEvent,
  type SessionInfo,
  type SyncError,
  syncError,
  type WireEvent,
} from '../../../src/sync/protocol';
import type { ApiCall, ApiReply, LiveHandlers, SyncTransport } from '../../../src/sync/transport';

/** What happens to a live socket the device opens. */
export type LiveFate = 'welcome' | 'close' | 'hang';

interface Device {
  role: SessionInfo['role'];
  deviceId: string;
  judgeId: string | null;
}

const refuse = (status: number, error: SyncError): ApiReply => ({ status, body: { error } });

export class FakeVenue {
  readonly serverId = 'fake-venue';
  /** The stored events, in server order (sequence number = index + 1). */
  readonly log: WireEvent[] = [];
  /** Every call, with the device's name and the virtual time it arrived. */
  readonly calls: { device: string; at: number; call: ApiCall }[] = [];
  up = true;
  /** Why the server refuses an event of a push, or null to store it. */
  refuseEvent: (event: WireEvent) => Pick<SyncError, 'code' | 'message' | 'path'> | null = () => null;
  /** Which stored events a device reads on a pull. */
  readable: (event: WireEvent, reader: Device) => boolean = () => true;
  /** The most events one push may carry; more is answered 413. */
  maxPushEvents = Number.POSITIVE_INFINITY;
  /** A reply to give instead of the real one (a 500, a refusal of the whole request). */
  intercept: (call: ApiCall, device: string) => ApiReply | undefined = () => undefined;
  liveFate: () => LiveFate = () => (this.up ? 'welcome' : 'close');
  private readonly sessions = new Map<string, Device>();
  private readonly deviceKeys = new Map<string, string>();

  constructor(private readonly now: () => number = () => 0) {}

  /** The device's session, as if it had joined: for tests that do not go through a join. */
  session(device: Device): SessionInfo {
    const token = `token-${this.sessions.size + 1}`;
    this.sessions.set(token, device);
    return { token, ...device, serverId: this.serverId, expiresAt: '2026-11-24T09:00:00Z', deviceKey: null };
  }

  /** The events of a push the server stored, by id. */
  stored(id: string): boolean {
    return this.log.some((event) => event.id === id);
  }

  transport(device: string): SyncTransport {
    return {
      call: async (call) => {
        this.calls.push({ device, at: this.now(), call: structuredClone(call) });
        if (!this.up) throw new Error('connection refused');
        const reply = this.intercept(call, device) ?? this.answer(JSON.parse(JSON.stringify(call)));
        return JSON.parse(JSON.stringify(reply));
      },
      openLive: (token, handlers: LiveHandlers) => {
        const fate = this.sessions.has(token) ? this.liveFate() : 'close';
        queueMicrotask(() => {
          if (fate === 'welcome') handlers.onMessage({ type: 'welcome', head: this.log.length });
          else if (fate === 'close') handlers.onClose();
        });
        return { close() {} };
      },
    };
  }

  private answer(call: ApiCall): ApiReply {
    if (call.path === '/hello') {
      const hello = {
        protocol: PROTOCOL_VERSION,
        minProtocol: MIN_PROTOCOL_VERSION,
        serverId: this.serverId,
        claimed: true,
      };
      return { status: 200, body: { ...hello, head: this.log.length, publicBaseUrl: null } };
    }
    if (call.path === '/join/judge') return this.join(call.body as { code: string; deviceId: string });
    const reader = this.sessions.get(call.token ?? '');
    if (!reader) return refuse(401, syncError('unauthorized', 'unknown token'));
    if (call.path === '/push') return this.push((call.body as { events: WireEvent[] }).events);
    if (call.path === '/pull') return this.pull(reader, Number(call.query?.after), Number(call.query?.limit));
    return refuse(404, syncError('notFound', call.path));
  }

  /** Binds the device id at its first join and issues its key; later joins must show the key. */
  private join({ code, deviceId, deviceKey }: { code: string; deviceId: string; deviceKey?: string }) {
    const judge = this.log.find(
      (event) =>
        event.type === 'entity.put' &&
        event.payload.table === 'judges' &&
        event.payload.entity.joinCode === code,
    );
    if (judge?.type !== 'entity.put') return refuse(401, syncError('badJoinCode', 'no such code'));
    const known = this.deviceKeys.get(deviceId);
    if (known !== undefined && known !== deviceKey) {
      return refuse(409, syncError('deviceTaken', 'device id bound to another key'));
    }
    const issued = known === undefined ? `key-of-${deviceId}` : null;
    if (issued) this.deviceKeys.set(deviceId, issued);
    const session = this.session({ role: 'judge', deviceId, judgeId: judge.payload.entity.id });
    return { status: 200, body: { ...session, deviceKey: issued } };
  }

  private push(events: WireEvent[]): ApiReply {
    if (events.length > this.maxPushEvents) return refuse(413, syncError('tooLarge', 'batch too large'));
    const reply: PushResponse = { acknowledged: [], refused: [], accepted: 0, duplicates: 0, head: 0 };
    events.forEach((event, index) => {
      const refusal = this.refuseEvent(event);
      if (refusal) {
        reply.refused.push({ eventId: event.id, index, ...refusal } satisfies RefusedEvent);
        return;
      }
      if (this.stored(event.id)) reply.duplicates += 1;
      else {
        this.log.push(event);
        reply.accepted += 1;
      }
      reply.acknowledged.push(event.id);
    });
    reply.head = this.log.length;
    return { status: 200, body: reply };
  }

  /** Scans `limit` stored events after `after` and returns those the reader may read. */
  private pull(reader: Device, after: number, limit: number): ApiReply {
    const scanned = this.log.slice(after, after + limit);
    const reply: PullResponse = {
      serverId: this.serverId,
      events: scanned.filter((event) => this.readable(event, reader)),
      cursor: after + scanned.length,
      head: this.log.length,
    };
    return { status: 200, body: reply };
  }
}

/** Timers on a virtual clock: nothing fires until the test moves time on. */
export class VirtualClock {
  now = 0;
  /** Every delay ever asked for, in order (fired, pending or cleared). */
  readonly asked: number[] = [];
  private pending: { at: number; ms: number; run: () => void }[] = [];

  readonly timers: Timers = {
    setTimeout: (run, ms) => {
      const timer = { at: this.now + ms, ms, run };
      this.asked.push(ms);
      this.pending.push(timer);
      return timer;
    },
    clearTimeout: (handle) => {
      this.pending = this.pending.filter((timer) => timer !== handle);
    },
  };

  /** Waits for the device's work in flight (IndexedDB, calls) to schedule a timer of at most `withinMs`. */
  async whenScheduled(withinMs = Number.POSITIVE_INFINITY): Promise<void> {
    await vi.waitFor(() => {
      if (!this.pending.some((timer) => timer.ms <= withinMs)) throw new Error('no timer scheduled yet');
    });
  }

  /** Once a timer of at most `withinMs` is scheduled: moves time to the earliest timer and fires it. */
  async runNext(withinMs = Number.POSITIVE_INFINITY): Promise<void> {
    await this.whenScheduled(withinMs);
    const next = this.pending.reduce((earliest, timer) => (timer.at < earliest.at ? timer : earliest));
    this.pending = this.pending.filter((timer) => timer !== next);
    this.now = next.at;
    next.run();
  }
}

/** A server that takes every event, has nothing new and never pokes (for screens' component tests). */
export const quietServer: SyncTransport = {
  call: async ({ path, body }) => {
    if (path === '/pull') return { status: 200, body: { serverId: 's', events: [], cursor: 0, head: 0 } };
    const ids = (body as { events: { id: string }[] }).events.map((event) => event.id);
    return {
      status: 200,
      body: { acknowledged: ids, refused: [], accepted: ids.length, duplicates: 0, head: 0 },
    };
  },
  openLive: () => ({ close() {} }),
};
