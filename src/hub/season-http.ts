/**
 * The hub's season routes (./core.ts hands them over, with its checks of the secrets):
 * POST /admin/seasons and POST /admin/seasons/:id/entries with the admin secret only,
 * GET /season with the admin secret or the dashboard code. A venue key touches no season. Every body is checked strictly here (its
 * fields, their types and sizes, nothing else in it); the season's rules are the domain's
 * (./season.ts). A refusal names what is wrong and stores nothing.
 */

import { parseHundredths } from '../domain/decimal';
import { type Period, parsePeriod } from '../domain/season';
import { DEFAULT_POINTS_TABLE, readPointsTable } from '../domain/season-import';
import { describeSeasonIssue, SeasonRejectedError, seasonIssue } from '../domain/season-issues';
import type { HubSeasonRefusal } from '../sync/hub-season-protocol';
import { HTTP_STATUS, type SyncErrorCode } from '../sync/protocol';
import type { HubRequest, HubResponse } from './request';
import { type EntryRequest, HubSeasons, noteOf } from './season';
import { NoSuchSeason, SeasonStore } from './season-store';
import type { HubStore } from './store';
import type { VenueFold } from './venue-fold';

/**
 * The core's checks of the request's bearer token (its secrets, and however it limits guesses):
 * each throws the core's refusal when the token may not.
 */
export interface SeasonAccess {
  /** The admin secret. */
  admin(): void;
  /** The admin secret or the dashboard code. */
  reader(): void;
}

/** A season's or a manual entry's id: typed on a command line and shown in a URL. */
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const MAX_NAME = 100;
const MAX_ITEM = 200;
const MAX_REASON = 500;

const ENTRIES_PATH = /^\/admin\/seasons\/([^/]+)\/entries$/;

class SeasonRefusal extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function refuse(code: SyncErrorCode, message: string): never {
  throw new SeasonRefusal(code, message);
}

function json(status: number, value: unknown): HubResponse {
  return { status, body: JSON.stringify(value) };
}

/** The body's fields, refused when it is not an object or holds any other field. */
function fieldsOf(body: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    refuse('malformedRequest', 'the body must be a JSON object');
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
  if (unknown.length > 0)
    refuse('malformedRequest', `unknown fields ${unknown.map((key) => JSON.stringify(key)).join(', ')}`);
  return body as Record<string, unknown>;
}

function textOf(value: unknown, name: string, max: number): string {
  if (typeof value !== 'string' || value.length > max)
    refuse('malformedRequest', `"${name}" must be a string of at most ${max} characters`);
  return value;
}

function optionalText(value: unknown, name: string, max: number): string | null {
  return value === undefined || value === null ? null : textOf(value, name, max);
}

function idOf(value: unknown, name: string): string {
  if (typeof value !== 'string' || !ID.test(value))
    refuse(
      'malformedRequest',
      `"${name}" must be 1 to 64 letters, digits, - or _, starting with a letter or digit`,
    );
  return value;
}

function seasonRequest(body: unknown) {
  const fields = fieldsOf(body, ['id', 'name', 'table']);
  const id = idOf(fields.id, 'id');
  const name = textOf(fields.name, 'name', MAX_NAME).trim();
  if (name === '') refuse('malformedRequest', '"name" must not be empty');
  // The domain reads the table as its file is written, and refuses it with every problem.
  const table = fields.table === undefined ? DEFAULT_POINTS_TABLE : readPointsTable(fields.table);
  return { id, name, table };
}

function entryRequest(body: unknown): EntryRequest {
  const fields = fieldsOf(body, [
    'id',
    'date',
    'memberId',
    'name',
    'unit',
    'item',
    'points',
    'reason',
    'corrects',
  ]);
  const points = parseHundredths(
    typeof fields.points === 'string' ? textOf(fields.points, 'points', 30) : fields.points,
  );
  if (!points.ok) refuse('malformedRequest', '"points" must be a number with at most two decimals');
  const byId = fields.memberId !== undefined;
  if (byId === (fields.name !== undefined))
    refuse('malformedRequest', 'name the member by "memberId", or by "name" (and "unit"), not both');
  if (byId && fields.unit !== undefined)
    refuse('malformedRequest', '"unit" goes with "name", not "memberId"');
  const name = byId ? null : textOf(fields.name, 'name', MAX_NAME);
  if (name?.trim() === '') refuse('malformedRequest', '"name" must not be empty');
  const member =
    name === null
      ? { memberId: idOf(fields.memberId, 'memberId') }
      : { name, unit: optionalText(fields.unit, 'unit', MAX_NAME) };
  return {
    id: fields.id === undefined ? null : idOf(fields.id, 'id'),
    date: textOf(fields.date, 'date', 10),
    member,
    item: textOf(fields.item, 'item', MAX_ITEM),
    points: points.value,
    reason: textOf(fields.reason, 'reason', MAX_REASON),
    corrects: fields.corrects === undefined ? null : idOf(fields.corrects, 'corrects'),
  };
}

function periodOf(text: string | null): Period {
  const period = text === null || text.length > 10 ? null : parsePeriod(text);
  if (!period)
    refuse(
      'malformedRequest',
      describeSeasonIssue(seasonIssue('periodInvalid', 'period', { value: text ?? '' }), 'en'),
    );
  return period;
}

/** The hub's seasons over its store and the dashboard's folds, and their routes. */
export class SeasonRoutes {
  private readonly seasons: HubSeasons;

  constructor(store: HubStore, folds: () => Promise<(venueId: string) => VenueFold>) {
    this.seasons = new HubSeasons(new SeasonStore(store.pool), store, folds);
  }

  /** The answer to a season route; null for a request that is not one. */
  handle(request: HubRequest, access: SeasonAccess): Promise<HubResponse | null> {
    return seasonRoute(request, this.seasons, access);
  }
}

async function seasonRoute(
  request: HubRequest,
  seasons: HubSeasons,
  access: SeasonAccess,
): Promise<HubResponse | null> {
  const entries = ENTRIES_PATH.exec(request.path);
  const route = `${request.method} ${entries ? '/admin/seasons/:id/entries' : request.path}`;
  try {
    if (route === 'POST /admin/seasons') {
      access.admin();
      const { id, name, table } = seasonRequest(request.body);
      return json(200, await seasons.putSeason(id, name, table));
    }
    if (route === 'POST /admin/seasons/:id/entries') {
      access.admin();
      const seasonId = idOf(entries?.[1], 'season');
      return json(200, await seasons.addEntry(seasonId, entryRequest(request.body)));
    }
    if (route === 'GET /season') {
      access.reader();
      const period = periodOf(request.query.get('period'));
      const only = request.query.get('season');
      const ledger = request.query.get('ledger') ?? 'yes';
      if (ledger !== 'yes' && ledger !== 'no') refuse('malformedRequest', '"ledger" must be yes or no');
      return json(
        200,
        await seasons.read(period, only === null ? null : idOf(only, 'season'), ledger === 'yes'),
      );
    }
    return null;
  } catch (error) {
    if (error instanceof SeasonRefusal)
      return json(HTTP_STATUS[error.code], { error: { code: error.code, message: error.message } });
    if (error instanceof NoSuchSeason)
      return json(HTTP_STATUS.notFound, {
        error: { code: 'notFound', message: `no season ${error.message}` },
      });
    if (error instanceof SeasonRejectedError) {
      const refusal: HubSeasonRefusal = {
        code: 'malformedRequest',
        message: error.issues.map((issue) => describeSeasonIssue(issue, 'en')).join('; '),
        issues: error.issues.map(noteOf),
      };
      return json(HTTP_STATUS.malformedRequest, { error: refusal });
    }
    throw error;
  }
}
