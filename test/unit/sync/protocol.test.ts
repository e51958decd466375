// @vitest-environment node
// The wire protocol's strict event validator and codec, property-tested: every event the
// repository writes passes; any missing, extra or mistyped field anywhere is refused with its path.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { putContestant } from '../../../src/db/roster';
import { parseWireEvent } from '../../../src/domain/event-shape';
import type { LeitaiEvent } from '../../../src/domain/events';
import {
  checkProtocol,
  JUDGE_EVENT_TYPES,
  PROTOCOL_VERSION,
  readingOf,
  redactedEventText,
  type WireEvent,
  writeRefusal,
} from '../../../src/sync/protocol';
import { fromWire, toWire, toWireAll } from '../../../src/sync/wire';
import { eventLog } from '../db/arbitrary-events';
import { freshDb, seedRound } from '../db/helpers';

/** Every path to a field in a JSON value, with the value there. */
function leaves(value: unknown, path: string[] = []): { path: string[]; value: unknown }[] {
  if (typeof value !== 'object' || value === null) return [{ path, value }];
  const entries = Array.isArray(value)
    ? value.map((item, index) => [String(index), item] as const)
    : Object.entries(value);
  const inner = entries.flatMap(([key, item]) => leaves(item, [...path, key]));
  return path.length === 0 ? inner : [{ path, value }, ...inner];
}

function setAt(
  root: unknown,
  path: string[],
  change: (parent: Record<string, unknown>, key: string) => void,
): unknown {
  const copy = structuredClone(root);
  let parent = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  change(parent, path.at(-1) as string);
  return copy;
}

/** The validator's path for a field path: "payload.entity.criteria[0].max". */
function dotted(path: string[]): string {
  return path.reduce(
    (text, key) => (/^\d+$/.test(key) ? `${text}[${key}]` : text ? `${text}.${key}` : key),
    '',
  );
}

/**
 * Fields that may be absent, with a meaning of their own when they are (a round's recusal rule;
 * an entity put without `fields` writes its record whole).
 */
const OPTIONAL_FIELDS = new Set(['payload.entity.settings.recusal', 'payload.fields']);

async function repositoryLog(): Promise<WireEvent[]> {
  const db = freshDb();
  const { round, contestants } = await seedRound(db);
  await putContestant(db, {
    id: contestants[0].id,
    roundId: round.id,
    photo: new Blob(['photo'], { type: 'image/jpeg' }),
  });
  return toWireAll(await db.events.toArray());
}

const wireEvents = eventLog.filter((log) => log.length > 0).map((log) => log as WireEvent[]);

describe('parseWireEvent', () => {
  it('accepts every event the repository writes, photos included', async () => {
    const log = await repositoryLog();
    expect(log.some((event) => event.type === 'entity.put' && event.payload.table === 'photos')).toBe(true);
    for (const event of log)
      expect(parseWireEvent(JSON.parse(JSON.stringify(event)))).toEqual({ ok: true, value: event });
  });

  it('accepts every well-formed event of every kind', () => {
    fc.assert(
      fc.property(wireEvents, (log) => {
        for (const event of log) expect(parseWireEvent(event).ok).toBe(true);
      }),
    );
  });

  it('refuses an event with any field removed, naming that field', async () => {
    const log = await repositoryLog();
    const samples = fc
      .constantFrom(...log)
      .chain((event) =>
        fc
          .constantFrom(
            ...leaves(event).filter(
              (leaf) => !/^\d+$/.test(leaf.path.at(-1) ?? '') && !OPTIONAL_FIELDS.has(dotted(leaf.path)),
            ),
          )
          .map((leaf) => ({ event, leaf })),
      );
    fc.assert(
      fc.property(samples, ({ event, leaf }) => {
        const broken = setAt(event, leaf.path, (parent, key) => delete parent[key]);
        const result = parseWireEvent(broken);
        expect(result.ok).toBe(false);
        // A discriminating field (type, author.role, payload.table…) says what it expected.
        if (!result.ok) expect(result.error.path).toBe(dotted(leaf.path));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses an unknown field anywhere', async () => {
    const log = await repositoryLog();
    const objects = fc.constantFrom(...log).chain((event) =>
      fc
        .constantFrom(
          [] as string[],
          ...leaves(event)
            .filter(
              (leaf) => typeof leaf.value === 'object' && leaf.value !== null && !Array.isArray(leaf.value),
            )
            .map((leaf) => leaf.path),
        )
        .map((path) => ({ event, path })),
    );
    fc.assert(
      fc.property(objects, fc.constantFrom('extra', '__proto__x', 'note'), ({ event, path }, key) => {
        const broken = structuredClone(event) as unknown as Record<string, unknown>;
        let target = broken;
        for (const step of path) target = target[step] as Record<string, unknown>;
        target[key] = 1;
        const result = parseWireEvent(broken);
        expect(result).toEqual({
          ok: false,
          error: { path: dotted([...path, key]), problem: 'unknown field' },
        });
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a value of the wrong type at any leaf', async () => {
    const log = await repositoryLog();
    const samples = fc
      .constantFrom(...log)
      .chain((event) =>
        fc
          .constantFrom(
            ...leaves(event).filter((leaf) => typeof leaf.value !== 'object' || leaf.value === null),
          )
          .map((leaf) => ({ event, leaf })),
      );
    const wrong = (value: unknown) =>
      typeof value === 'number'
        ? `${value}`
        : typeof value === 'string'
          ? { text: value }
          : typeof value === 'boolean'
            ? 0
            : [];
    fc.assert(
      fc.property(samples, ({ event, leaf }) => {
        const broken = setAt(event, leaf.path, (parent, key) => {
          parent[key] = wrong(leaf.value);
        });
        const result = parseWireEvent(broken);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.path).toBe(dotted(leaf.path));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what is not an event at all, and fractional or unsafe numbers', () => {
    for (const value of [null, 1, 'event', [], {}]) expect(parseWireEvent(value).ok).toBe(false);
    fc.assert(
      fc.property(
        wireEvents,
        fc.constantFrom(0.5, Number.NaN, 2 ** 60, Number.POSITIVE_INFINITY),
        (log, bad) => {
          const event = log[0] as WireEvent;
          expect(parseWireEvent({ ...event, deviceSeq: bad }).ok).toBe(false);
        },
      ),
    );
  });
});

describe('the wire codec', () => {
  it('carries a photo’s bytes and type through JSON unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 70_000 }),
        fc.constantFrom('image/jpeg', 'image/png', ''),
        async (bytes, type) => {
          const event = {
            id: 'e',
            deviceId: 'd',
            deviceSeq: 1,
            author: { role: 'organizer' },
            competitionId: 'c',
            roundId: 'r',
            recordedAt: '2026-11-23T09:00:00.000Z',
            type: 'entity.put',
            payload: {
              table: 'photos',
              entity: { id: 'p', roundId: 'r', blob: new Blob([bytes], { type }) },
              revision: 1,
            },
          } as LeitaiEvent;
          const wire = JSON.parse(JSON.stringify(await toWire(event)));
          expect(parseWireEvent(wire).ok).toBe(true);
          const back = fromWire(wire) as LeitaiEvent<'entity.put'> & { payload: { entity: { blob: Blob } } };
          expect(new Uint8Array(await back.payload.entity.blob.arrayBuffer())).toEqual(bytes);
          expect(back.payload.entity.blob.type).toBe(type);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('writeRefusal', () => {
  const judge = { role: 'judge' as const, deviceId: 'device-a', judgeId: 'judge-1' };

  it('lets a judge’s tablet write only its own judge’s marks, sheets and requests, as itself', () => {
    fc.assert(
      fc.property(wireEvents, (log) => {
        for (const event of log) {
          const refusal = writeRefusal(judge, event);
          const own =
            event.deviceId === 'device-a' &&
            JUDGE_EVENT_TYPES.has(event.type) &&
            event.author.role === 'judge' &&
            event.author.judgeId === 'judge-1' &&
            (event.payload as { judgeId?: string }).judgeId === 'judge-1';
          expect(refusal === null, JSON.stringify(event)).toBe(own);
        }
      }),
    );
  });

  it('lets the organizer write anything and the projector nothing', () => {
    fc.assert(
      fc.property(wireEvents, (log) => {
        for (const event of log) {
          expect(writeRefusal({ role: 'organizer', deviceId: 'x', judgeId: null }, event)).toBeNull();
          expect(
            writeRefusal({ role: 'projector', deviceId: event.deviceId, judgeId: null }, event)?.code,
          ).toBe('readOnlyDevice');
        }
      }),
    );
  });
});

describe('an entity put’s fields', () => {
  async function contestantEdit(): Promise<WireEvent> {
    const log = await repositoryLog();
    const edit = log.find((event) => event.type === 'entity.put' && 'fields' in event.payload);
    if (!edit) throw new Error('the repository wrote no edit');
    return edit;
  }

  function withFields(event: WireEvent, fields: unknown): unknown {
    return setAt(event, ['payload', 'fields'], (parent, key) => {
      parent[key] = fields;
    });
  }

  it('are what an edit of a stored record changed: a new photo for the contestant', async () => {
    const edit = await contestantEdit();
    expect(edit.payload).toMatchObject({ table: 'contestants', fields: ['photoId'] });
    expect(parseWireEvent(withFields(edit, ['name', 'unit', 'draw'])).ok).toBe(true);
  });

  it.each([
    [['nickname'], 'payload.fields[0]'],
    [['id'], 'payload.fields[0]'],
    [[], 'payload.fields'],
    [['name', 'name'], 'payload.fields'],
    ['name', 'payload.fields'],
  ])('refuses fields %j, at %s', async (fields, path) => {
    const result = parseWireEvent(withFields(await contestantEdit(), fields));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.path).toBe(path);
  });

  it('refuses fields on a photo, which is written whole', async () => {
    const photo = (await repositoryLog()).find(
      (event) => event.type === 'entity.put' && event.payload.table === 'photos',
    ) as WireEvent;
    const result = parseWireEvent(withFields(photo, ['roundId']));
    expect(result).toMatchObject({
      ok: false,
      error: { path: 'payload.fields', problem: 'a photo is written whole' },
    });
  });
});

describe('checkProtocol', () => {
  it('answers a protocol 3 client, whose whole puts would overwrite merged fields, that it is too old', () => {
    expect(checkProtocol('3')?.code).toBe('protocolTooOld');
  });

  it('answers a protocol 4 client, which could not read the audience’s events, that it is too old', () => {
    expect(checkProtocol('4')?.code).toBe('protocolTooOld');
  });

  it('answers a protocol 5 client, which could not read signing keys and signed sheets, that it is too old', () => {
    expect(PROTOCOL_VERSION).toBe(6);
    expect(checkProtocol('5')?.code).toBe('protocolTooOld');
  });

  it('names versions too old and too new', () => {
    expect(checkProtocol(String(PROTOCOL_VERSION))).toBeNull();
    expect(checkProtocol(PROTOCOL_VERSION)).toBeNull();
    expect(checkProtocol('0')?.code).toBe('protocolTooOld');
    expect(checkProtocol(String(PROTOCOL_VERSION + 1))?.code).toBe('protocolTooNew');
    expect(checkProtocol('x')?.code).toBe('malformedRequest');
  });

  it('refuses a live socket hello whose protocol is an object without toString, without throwing', () => {
    const hello = JSON.parse('{"protocol": {"toString": null, "valueOf": null}}') as { protocol: unknown };
    expect(checkProtocol(hello.protocol)?.code).toBe('malformedRequest');
  });
});

describe('who reads a submission', () => {
  const signature = {
    keyFingerprint: '3F2A-91C0-5B7E-0D14',
    signedAt: '2026-12-04T09:30:00.000Z',
    marks: [{ criterionId: 'c1', value: 8800 }],
    handSignatureDigest: null,
    value: 'AAAA',
  };
  const submit = {
    id: 'e1',
    type: 'sheet.submit',
    payload: { judgeId: 'j1', contestantId: 'p1', revision: 1, signature },
  } as unknown as WireEvent;
  const stored = JSON.stringify(submit);

  it('is the judge and the projector, and the projector gets it without the signed marks', () => {
    expect(readingOf(submit)).toEqual({ reader: 'j1', projector: true, redact: true });
    const projectorReads = JSON.parse(redactedEventText(stored, 'projector'));
    expect(projectorReads.payload).toEqual({ judgeId: 'j1', contestantId: 'p1', revision: 1 });
    expect(redactedEventText(stored, 'projector')).not.toContain('8800');
    expect(redactedEventText(stored, 'judge')).toBe(stored);
  });
});
