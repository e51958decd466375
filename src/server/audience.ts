/**
 * 大众投票 at the venue server: the audience's phones, their tokens and the votes they cast.
 *
 * A phone that opens the join link (the projector's QR code) gets an audience token of its own
 * (POST /audience/join), capped per client address. With it the phone may do two things only:
 * read the minimal voting state (GET /audience/state: which round and contestant are open, the
 * mode, the time left and its own current vote) and cast or replace its vote while the window is
 * open (POST /audience/vote), each at a rate its token bucket allows. An audience token is no
 * device session: it never pushes, pulls, opens the live socket or reads anything else.
 *
 * The server judges every vote by its own clock, against the moment it admitted the host's
 * `audience.open` plus its seconds, and against any close; it then writes the vote into the log
 * itself (`audience.vote`, author `server`, under a device id no device can take). When it admits
 * the host's close, it seals the window with the number of votes it took (`audience.seal`), so
 * every device counts exactly those (src/domain/audience.ts).
 */

import { randomBytes } from 'node:crypto';
import { isVoteValue, isWindowOpen, voterIdOf } from '../domain/audience';
import {
  type AudienceWindowRow,
  applyEvents,
  type EventPayloads,
  emptyProjectionState,
  type LeitaiEvent,
  type ProjectionState,
} from '../domain/events';
import type { Id } from '../domain/model';
import {
  type AudienceJoinResponse,
  type AudienceStateResponse,
  type EventReading,
  readingOf,
  type SyncError,
  syncError,
} from '../sync/protocol';
import type { Admission, AdmissionRefusal } from './admission';
import { hashToken, newToken } from './auth';
import type { VenueStore } from './store';

export interface AudienceLimits {
  /** Phones that may join from one client address. */
  phonesPerAddress: number;
  /** Each phone's requests (state and votes): a bucket of `burst`, refilled at this rate. */
  requestsPerSecond: number;
  burst: number;
}

/**
 * Eight phones per address: a family behind one hotspot still votes, a script on one laptop does
 * not fill the hall. A phone polls the state every two seconds or so; votes come on top.
 */
export const DEFAULT_AUDIENCE_LIMITS: AudienceLimits = {
  phonesPerAddress: 8,
  requestsPerSecond: 2,
  burst: 10,
};

/** All phones together: bounds what joins can create. */
const MAX_VOTERS = 20_000;
const META_DEVICE_ID = 'audienceDeviceId';

const AUDIENCE_KINDS = new Set(['audience.open', 'audience.close', 'audience.vote', 'audience.seal']);

export class AudienceRefusal extends Error {
  constructor(readonly error: SyncError) {
    super(error.message);
  }
}

function refuse(code: SyncError['code'], message: string, detail: { retryAfterMs?: number } = {}): never {
  throw new AudienceRefusal(syncError(code, message, detail));
}

/** A server event written, with who may read it (the live sockets to poke). */
export interface WrittenEvent {
  event: LeitaiEvent;
  reading: EventReading;
}

interface Voter {
  voterId: Id;
}

export class AudienceDesk {
  private readonly state: ProjectionState = emptyProjectionState();
  /** When the server admitted each window's open (its own clock, ms). */
  private readonly openedAt: Map<Id, number>;
  /** The number of votes each window has taken. */
  private readonly votesIn = new Map<Id, number>();
  /** Each phone's newest vote per contestant, by `contestantId\nvoterId`. */
  private readonly ownVotes = new Map<string, number>();
  private readonly buckets = new Map<Id, { tokens: number; at: number }>();
  private readonly deviceId: Id;
  private nextSeq: number;

  constructor(
    private readonly store: VenueStore,
    private readonly now: () => number,
    private readonly limits: AudienceLimits,
  ) {
    const stored = store.getMeta(META_DEVICE_ID);
    // Random and unannounced: no device can bind it before the server's first vote takes it.
    this.deviceId = stored ?? `venue-${randomBytes(12).toString('hex')}`;
    if (stored === undefined) store.setMeta(META_DEVICE_ID, this.deviceId);
    this.nextSeq = store.lastDeviceSeq(this.deviceId) + 1;
    this.openedAt = store.windowOpenings();
    for (const body of store.allEventBodies()) {
      const event = JSON.parse(body) as LeitaiEvent;
      if (AUDIENCE_KINDS.has(event.type)) this.apply(event);
    }
  }

  /** The device id the server writes its own events under: no device may bind it. */
  serverDeviceId(): Id {
    return this.deviceId;
  }

  private apply(event: LeitaiEvent): void {
    applyEvents(this.state, [event]);
    if (event.type !== 'audience.vote') return;
    const { windowId, contestantId, voterId, value, n } = event.payload;
    this.votesIn.set(windowId, Math.max(this.votesIn.get(windowId) ?? 0, n));
    this.ownVotes.set(`${contestantId}\n${voterId}`, value);
  }

  /** Why the host's audience event may not enter the log, or null when it may. */
  refusalOf(event: LeitaiEvent, admission: Admission): AdmissionRefusal | null {
    if (event.type === 'audience.open') {
      const round = admission.round(event.roundId as Id);
      if (!round?.audience) {
        return {
          code: 'unknownEntity',
          message: `round ${event.roundId} has no audience voting`,
          path: 'roundId',
        };
      }
      if (admission.contestant(event.payload.contestantId)?.status !== 'active') {
        return {
          code: 'unknownEntity',
          message: `contestant ${event.payload.contestantId} is not competing`,
          path: 'payload.contestantId',
        };
      }
    }
    if (event.type === 'audience.close') {
      const window = this.state.audienceWindows.get(event.payload.windowId);
      if (
        !window?.opened ||
        window.roundId !== event.roundId ||
        window.contestantId !== event.payload.contestantId
      ) {
        return {
          code: 'unknownEntity',
          message: `no voting window ${event.payload.windowId} for this contestant`,
          path: 'payload.windowId',
        };
      }
    }
    return null;
  }

  /**
   * A host's audience event was stored: an open starts its window by the server's clock now; a
   * close seals the window with the votes it took. Returns the server's own events it wrote.
   */
  admitted(event: LeitaiEvent, isNew: boolean): WrittenEvent[] {
    if (!AUDIENCE_KINDS.has(event.type)) return [];
    if (isNew && event.type === 'audience.open') {
      this.store.setWindowOpenedAt(event.id, this.now());
      this.openedAt.set(event.id, this.now());
    }
    this.apply(event);
    if (!isNew || event.type !== 'audience.close') return [];
    const window = this.state.audienceWindows.get(event.payload.windowId) as AudienceWindowRow;
    if (window.sealed) return [];
    return [
      this.write(event.competitionId, window.roundId, 'audience.seal', {
        windowId: window.windowId,
        contestantId: window.contestantId,
        votes: this.votesIn.get(window.windowId) ?? 0,
      }),
    ];
  }

  /** A new phone from `address`: its token, unless the address has all its phones already. */
  join(address: string): AudienceJoinResponse {
    if (this.store.votersFrom(address) >= this.limits.phonesPerAddress) {
      refuse('tooManyPhones', `${this.limits.phonesPerAddress} phones have joined from this address already`);
    }
    if (this.store.voterCount() >= MAX_VOTERS) refuse('tooManyPhones', 'the audience is full');
    const token = newToken();
    const number = this.store.addVoter(hashToken(token), address, new Date(this.now()).toISOString());
    return { token, voter: number };
  }

  /** The phone of an audience token, after its request is counted against its bucket. */
  voter(token: string | null): Voter {
    const number = token ? this.store.voterNumber(hashToken(token)) : undefined;
    if (number === undefined) refuse('unauthorized', 'missing or unknown audience token');
    const voterId = voterIdOf(number);
    this.take(voterId);
    return { voterId };
  }

  /** One request from the phone's bucket, or 429 with when to retry. */
  private take(voterId: Id): void {
    const { burst, requestsPerSecond } = this.limits;
    const now = this.now();
    const bucket = this.buckets.get(voterId) ?? { tokens: burst, at: now };
    const tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * requestsPerSecond);
    if (tokens < 1) {
      const retryAfterMs = Math.ceil(((1 - tokens) / requestsPerSecond) * 1000);
      this.buckets.set(voterId, { tokens, at: now });
      refuse('tooManyRequests', `too many requests from this phone; retry in ${retryAfterMs} ms`, {
        retryAfterMs,
      });
    }
    this.buckets.set(voterId, { tokens: tokens - 1, at: now });
  }

  /** The window open now by the server's clock (the one opened last, if ever several). */
  private openWindow(filter: (window: AudienceWindowRow) => boolean = () => true): AudienceWindowRow | null {
    let open: AudienceWindowRow | null = null;
    for (const window of this.state.audienceWindows.values()) {
      const openedAt = this.openedAt.get(window.windowId);
      if (openedAt === undefined || !filter(window) || !isWindowOpen(window, this.now() - openedAt)) continue;
      if (!open || openedAt > (this.openedAt.get(open.windowId) as number)) open = window;
    }
    return open;
  }

  /** What the phone may know: the open window (round, contestant, mode, time left) and its own vote. */
  stateFor(voter: Voter, admission: Admission): AudienceStateResponse {
    const window = this.openWindow();
    const round = window && admission.round(window.roundId);
    if (!window?.opened || !round?.audience) return { voting: null };
    const contestant = admission.contestant(window.contestantId);
    const openedAt = this.openedAt.get(window.windowId) as number;
    return {
      voting: {
        roundId: round.id,
        roundName: round.name,
        contestantId: window.contestantId,
        contestantName: contestant?.name ?? '',
        mode: round.audience.mode,
        remainingMs: Math.max(0, window.opened.seconds * 1000 - (this.now() - openedAt)),
        myVote: this.ownVotes.get(`${window.contestantId}\n${voter.voterId}`) ?? null,
      },
    };
  }

  /**
   * The phone's vote for the contestant whose window is open now: written into the log by the
   * server, or refused with its reason, changing nothing.
   */
  vote(voter: Voter, body: unknown, admission: Admission): WrittenEvent {
    const { roundId, contestantId, value } = parseVote(body);
    const round = admission.round(roundId);
    const window = this.openWindow(
      (candidate) => candidate.roundId === roundId && candidate.contestantId === contestantId,
    );
    if (!round?.audience || !window) {
      refuse('votingClosed', `voting for contestant ${contestantId} of round ${roundId} is not open`);
    }
    if (!isVoteValue(round.audience.mode, value)) {
      const expected = round.audience.mode === 'support' ? '0 or 1' : 'a whole 1 to 10';
      refuse('invalidVote', `a ${round.audience.mode} vote is ${expected}, not ${value}`);
    }
    const openedAt = this.openedAt.get(window.windowId) as number;
    return this.write(round.competitionId, roundId, 'audience.vote', {
      windowId: window.windowId,
      contestantId,
      voterId: voter.voterId,
      value,
      n: (this.votesIn.get(window.windowId) ?? 0) + 1,
      atMs: this.now() - openedAt,
    });
  }

  private write<T extends 'audience.vote' | 'audience.seal'>(
    competitionId: Id,
    roundId: Id,
    type: T,
    payload: EventPayloads[T],
  ): WrittenEvent {
    const event = {
      id: randomBytes(16).toString('hex'),
      deviceId: this.deviceId,
      deviceSeq: this.nextSeq,
      author: { role: 'server' },
      competitionId,
      roundId,
      recordedAt: new Date(this.now()).toISOString(),
      type,
      payload,
    } as LeitaiEvent;
    const reading = readingOf(event);
    const outcome = this.store.insertEvent({
      id: event.id,
      deviceId: event.deviceId,
      deviceSeq: event.deviceSeq,
      body: JSON.stringify(event),
      reading,
    });
    if (outcome.kind !== 'new') throw new Error(`the server's own event ${event.deviceSeq} was not new`);
    this.nextSeq += 1;
    this.apply(event);
    return { event, reading };
  }
}

const VOTE_FIELDS = new Set(['roundId', 'contestantId', 'value']);

/** `{ roundId, contestantId, value }` and nothing else: a phone never names its voter. */
function parseVote(body: unknown): { roundId: Id; contestantId: Id; value: number } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    refuse('malformedRequest', 'expected { roundId, contestantId, value }');
  }
  for (const key of Object.keys(body)) {
    if (!VOTE_FIELDS.has(key)) refuse('malformedRequest', `unknown field "${key}" in a vote`);
  }
  const { roundId, contestantId, value } = body as Record<string, unknown>;
  const isId = (text: unknown): text is string =>
    typeof text === 'string' && text !== '' && text.length <= 100;
  if (!isId(roundId) || !isId(contestantId))
    refuse('malformedRequest', 'roundId and contestantId must be ids');
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    refuse('invalidVote', 'value must be a whole number');
  return { roundId, contestantId, value };
}
