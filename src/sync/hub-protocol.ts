/**
 * The protocol between venue servers and the county hub (src/hub), server to server: the venue's
 * relay (src/server/hub-relay.ts) pushes its stored events upstream and pulls what the hub holds
 * for it. Pure wire types, like ./protocol.ts, whose version handshake it shares: every request
 * carries PROTOCOL_VERSION in the Leitai-Protocol header and is refused `protocolTooOld` or
 * `protocolTooNew` by the same `checkProtocol`, so a hub and its venues upgrade together.
 *
 * Who is who: the hub is the only authority on venues. An organizer registers a venue with the
 * hub's admin secret and gets the venue's key once (the hub keeps only its hash); the key is the
 * venue server's identity, and a request with it reads and writes that venue's events only. The
 * city dashboard has a code of its own that reads and never writes.
 */

import type { WireEvent } from '../domain/event-shape';
import type { Id } from '../domain/model';
import type { SyncErrorCode } from './protocol';

export const HUB_API_PREFIX = '/hub/v1';

/** Events per push (as a device's push: ./protocol.ts MAX_PUSH_EVENTS) and per pull. */
export const MAX_HUB_PUSH_EVENTS = 500;
export const MAX_HUB_PULL_EVENTS = 1000;

/** The hub's own refusals, beside the sync protocol's. */
export type HubErrorCode =
  | SyncErrorCode
  /** A push or pull names a venue other than the one its key belongs to. */
  | 'foreignVenue'
  /** A registration under a name the hub already has. */
  | 'venueExists';

export interface HubError {
  code: HubErrorCode;
  /** For logs and operators (English). */
  message: string;
  /** malformedEvent: which event of the batch, and where in it. */
  index?: number;
  eventId?: string;
  path?: string;
}

export const HUB_HTTP_STATUS: Record<'foreignVenue' | 'venueExists', number> = {
  foreignVenue: 403,
  venueExists: 409,
};

/**
 * The device id the hub writes its decisions under, in every venue's log: the venue admits them
 * under this id only (src/server/core.ts admitFromHub).
 */
export function hubDeviceId(hubId: string): string {
  return `${HUB_DEVICE_PREFIX}${hubId}`;
}

/** No device of a venue joins under an id that begins so: the hub's decisions are written under it. */
export const HUB_DEVICE_PREFIX = 'hub-';

export interface HubHelloResponse {
  protocol: number;
  minProtocol: number;
  /** Stable for one hub database: a new database is a new hub. */
  hubId: string;
}

/** POST /admin/venues (the admin secret as the bearer token). */
export interface VenueRegistrationRequest {
  /** How the organizers call the venue, e.g. 城关镇初赛: unique on the hub. */
  name: string;
}

/** Answered once: the hub keeps only the key's hash. */
export interface VenueRegistration {
  venueId: Id;
  name: string;
  venueKey: string;
}

/**
 * GET /venue?server=SERVER_ID (the venue key): where the relay of that venue server resumes.
 * A venue that starts a new data directory is a new server numbering from 1: it starts at 0.
 */
export interface HubVenueStatus {
  venueId: Id;
  name: string;
  /** The server's own sequence number up to which the hub holds every event it was sent. */
  ackedThrough: number;
}

/**
 * POST /push (the venue key): a batch of the venue's stored events, in the venue's order.
 * `through` is the venue server's sequence number of the last one: once the batch commits, the
 * hub holds every event of that server up to it, and a relay that restarts resumes after it.
 */
export interface HubPushRequest {
  venueId: Id;
  /** The venue server's id (HelloResponse.serverId): whose sequence numbers `through` counts. */
  serverId: string;
  through: number;
  events: WireEvent[];
}

export interface HubRefusedEvent {
  eventId: Id | null;
  index: number;
  code: HubErrorCode;
  message: string;
  path?: string;
}

/** Answered event by event, as a device's push: a refused event never blocks the others. */
export interface HubPushResponse {
  accepted: number;
  duplicates: number;
  refused: HubRefusedEvent[];
  ackedThrough: number;
}

/**
 * GET /pull?after=CURSOR (the venue key): the venue's events on the hub after the hub's cursor,
 * what the venue relayed and what the hub decided for it, in the hub's order.
 */
export interface HubPullResponse {
  venueId: Id;
  events: WireEvent[];
  /** The hub's sequence number of the last event returned (the `after` asked when none). */
  cursor: number;
  /** More to pull while cursor < head. */
  head: number;
}

// ---------------------------------------------------------------------------------------------
// The city dashboard (GET /dashboard with the dashboard code): read-only

/** A ranked contestant of a round, as the venue's results show it (the engine's standings). */
export interface DashboardPlace {
  rank: number;
  contestantId: Id;
  name: string;
  unit: string | null;
  /** The announced score, with the round's decimals. */
  score: string;
  award: string | null;
}

export interface DashboardRound {
  competitionId: Id;
  competitionName: string;
  roundId: Id;
  roundName: string;
  /** On stage now (the round's winning `stage.call`); null before the first call. */
  current: { contestantId: Id; name: string } | null;
  contestants: number;
  /** Non-empty marks entered, and sheets submitted of those the judges owe (recused judges owe none). */
  marks: number;
  sheetsIn: number;
  sheetsExpected: number;
  /** Contestants the host has revealed (公布). */
  revealed: number;
  /** The venue's standings; `refused` when the engine refuses the round (its issues' codes). */
  standings: { ranked: DashboardPlace[]; pending: number } | { refused: string[] };
}

export interface DashboardPerson {
  name: string;
  unit: string | null;
}

/** A ranked person of a 总成绩, as the venue's results screen shows them. */
export interface DashboardCombinedPlace extends DashboardPerson {
  rank: number;
  /** 并列: the same rank as another. */
  tied: boolean;
  /** Each stage's announced score, in the stages' order. */
  stageScores: (string | null)[];
  /** The combined score, rounded once. */
  score: string;
  award: string | null;
}

/** A competition's 总成绩 (its combination of stage rounds), by the domain's `combineStages`. */
export interface DashboardCombined {
  competitionId: Id;
  competitionName: string;
  /** The stage rounds in the combination's order, each with its share (percent of its score). */
  stages: { roundId: Id; roundName: string; percent: string }[];
  /** `refused`: the combination breaks a rule now (its issues' codes). */
  standings:
    | { ranked: DashboardCombinedPlace[]; pending: DashboardPerson[]; excluded: DashboardPerson[] }
    | { refused: string[] };
}

export interface DashboardVenue {
  venueId: Id;
  name: string;
  /** Events of the venue on the hub, and when the newest arrived (ISO 8601; null: none yet). */
  events: number;
  lastEventAt: string | null;
  /** Its real rounds (no demo competition, no 彩排 round), in the venue's order. */
  rounds: DashboardRound[];
  /** 总成绩 of its competitions that have a combination. */
  combined: DashboardCombined[];
}

/** A contestant of the city table, with where they competed. */
export interface CityTableEntry extends DashboardPerson {
  venueId: Id;
  venueName: string;
  roundId: Id;
  roundName: string;
  contestantId: Id;
  /** Among all venues' ranked contestants by announced score (ties share one); null: pending. */
  rank: number | null;
  score: string | null;
  /** 已晋级: advancement put them on a city final's roster (and it still holds them). */
  advanced: boolean;
}

/**
 * 全市总表: the contestants of every venue's real rounds ranked together by announced score,
 * the pool and rule of advancement's `overall`; a city final's own round is not in it.
 */
export interface CityTable {
  ranked: CityTableEntry[];
  /** Still being scored (or in a round the engine refuses), in venue and round order. */
  pending: CityTableEntry[];
}

export interface CityDashboard {
  checkedAt: string;
  venues: DashboardVenue[];
  cityTable: CityTable;
}

// ---------------------------------------------------------------------------------------------
// Advancement across venues (POST /admin/advance with the admin secret)

/**
 * The city final's roster, in one action: the top `count` of each source round (`eachRound`),
 * or of all of them together by announced score (`overall`), ties at the cut all going through,
 * become contestants of the target venue's round, with their name, unit and topic. The hub
 * writes them as that venue's events (origin 'hub'), which the venue's relay pulls down and its
 * server admits as the organizer's. Running it again adds nothing twice.
 */
export interface AdvanceRequest {
  sources: { venueId: Id; roundId: Id }[];
  rule: 'eachRound' | 'overall';
  count: number;
  target: { venueId: Id; roundId: Id };
}

export interface AdvancedContestant {
  fromVenueId: Id;
  fromRoundId: Id;
  fromContestantId: Id;
  /** The contestant's id in the target round. */
  contestantId: Id;
  name: string;
  rank: number;
  score: string;
}

export interface AdvanceResponse {
  advanced: AdvancedContestant[];
  /** Events the hub wrote now (0 when every one was there already). */
  written: number;
}
