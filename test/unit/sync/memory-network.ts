/**
 * An in-memory network between devices and the venue server's core (as tldraw's TestSocketPair):
 * every request and response goes through JSON, and the test decides its fate. A fault can drop
 * the request, drop the response after the server committed, deliver it twice, or keep a copy to
 * replay much later (a stale push arriving after newer ones). Live pokes are queued until the
 * test flushes them, and can be lost.
 */

import type { VenueCore } from '../../../src/server/core';
import { type LiveServerMessage, PROTOCOL_VERSION } from '../../../src/sync/protocol';
import type {
  ApiCall,
  ApiReply,
  LiveConnection,
  LiveHandlers,
  SyncTransport,
} from '../../../src/sync/transport';

export type Fault = 'none' | 'dropRequest' | 'dropResponse' | 'duplicate' | 'replayLater';

export class NetworkDown extends Error {}

interface Link {
  name: string;
  online: boolean;
  nextFault: () => Fault;
  live: Set<LiveHandlers>;
}

export class MemoryNetwork {
  readonly links = new Map<string, Link>();
  /** Copies of requests kept to be replayed later. */
  readonly replays: { link: string; call: ApiCall }[] = [];
  readonly pokes: { handlers: LiveHandlers; message: LiveServerMessage }[] = [];
  readonly stats = { calls: 0, dropRequest: 0, dropResponse: 0, duplicate: 0, replayLater: 0, replayed: 0 };

  constructor(readonly core: VenueCore) {
    core.subscribe((notice) => {
      if (notice.type !== 'commit') return;
      for (const link of this.links.values()) {
        if (!link.online) continue;
        for (const handlers of link.live)
          this.pokes.push({ handlers, message: { type: 'poke', head: notice.head } });
      }
    });
  }

  private async deliver(link: Link, call: ApiCall): Promise<ApiReply> {
    const response = await this.core.handle({
      method: call.method,
      path: call.path,
      query: new URLSearchParams(call.query ?? {}),
      protocol: String(PROTOCOL_VERSION),
      token: call.token ?? null,
      body: call.body === undefined ? undefined : JSON.parse(JSON.stringify(call.body)),
      address: link.name,
      secure: true,
    });
    return { status: response.status, body: JSON.parse(response.body) };
  }

  transport(name: string, nextFault: () => Fault = () => 'none'): SyncTransport {
    const link: Link = { name, online: true, nextFault, live: new Set() };
    this.links.set(name, link);
    return {
      call: async (call) => {
        this.stats.calls += 1;
        if (!link.online) throw new NetworkDown(`${name} is offline`);
        const fault = link.nextFault();
        if (fault !== 'none') this.stats[fault] += 1;
        switch (fault) {
          case 'dropRequest':
            throw new NetworkDown('request lost');
          case 'dropResponse':
            await this.deliver(link, call);
            throw new NetworkDown('response lost after the server committed');
          case 'duplicate':
            await this.deliver(link, call);
            return this.deliver(link, call);
          case 'replayLater':
            this.replays.push({ link: name, call: structuredClone(call) });
            return this.deliver(link, call);
          case 'none':
            return this.deliver(link, call);
        }
      },
      openLive: (token, handlers): LiveConnection => {
        const session = this.core.authenticate(token);
        queueMicrotask(() => {
          if (!link.online || !session) {
            handlers.onClose();
            return;
          }
          link.live.add(handlers);
          handlers.onMessage({ type: 'welcome', head: this.core.head() });
        });
        return { close: () => link.live.delete(handlers) };
      },
    };
  }

  setOnline(name: string, online: boolean): void {
    const link = this.links.get(name);
    if (!link) throw new Error(`no link ${name}`);
    link.online = online;
    if (!online) {
      for (const handlers of link.live) handlers.onClose();
      link.live.clear();
    }
  }

  /** Replays one kept request now (its response goes nowhere); false when none is left. */
  async replayOne(pick: (count: number) => number): Promise<boolean> {
    if (this.replays.length === 0) return false;
    const [replay] = this.replays.splice(pick(this.replays.length), 1);
    if (!replay) return false;
    const link = this.links.get(replay.link);
    if (link) await this.deliver(link, replay.call);
    this.stats.replayed += 1;
    return true;
  }

  /** Delivers the queued pokes, losing each with probability `loss`. */
  flushPokes(random: () => number = () => 1, loss = 0): void {
    for (const { handlers, message } of this.pokes.splice(0)) {
      if (random() >= loss) handlers.onMessage(message);
    }
  }
}

/** A small seeded generator (mulberry32): the same seed gives the same run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
