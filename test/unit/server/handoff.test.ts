// @vitest-environment node
/**
 * 离线交接 on the venue server, with attacks: the organizer relays a joined tablet's signed sheet
 * read from its QR codes. It is admitted as the tablet's own push would be; relaying it twice,
 * and the tablet's own push afterwards, change nothing. A forged or tampered sheet, a mark no
 * signature covers and a key brought along in the hand-off are refused and stored nowhere.
 */
import { describe, expect, it } from 'vitest';
import { enterMark } from '../../../src/db/marks';
import { applyRemoteEvents } from '../../../src/db/remote';
import { getDeviceId } from '../../../src/db/repository';
import { submitSignedSheet } from '../../../src/db/signed-submit';
import { signingKeyFor } from '../../../src/db/signing-keys';
import type { LeitaiEvent } from '../../../src/domain/events';
import type { PushResponse, WireEvent } from '../../../src/sync/protocol';
import { fromWire } from '../../../src/sync/wire';
import { freshDb, SECRETARY_SHEET, seedRound } from '../db/helpers';
import { call, claim, joinJudge, push, testServer, wireLog } from './helpers';

const { subtle } = globalThis.crypto;

async function venue() {
  const server = testServer();
  const laptop = freshDb();
  const organizer = await claim(server.core, await getDeviceId(laptop));
  const seeded = await seedRound(laptop);
  const setup = await wireLog(laptop);
  expect((await push(server.core, organizer.token, setup)).body.refused).toEqual([]);
  const judge = seeded.judges[0];
  const tablet = freshDb();
  await applyRemoteEvents(tablet, setup.map(fromWire));
  const tabletId = await getDeviceId(tablet);
  const session = (await joinJudge(server.core, judge.joinCode, tabletId)).body;
  // Online at join: the key's registration reaches the server.
  await signingKeyFor(tablet, judge.id, subtle);
  const registered = (await wireLog(tablet)).filter((event) => event.deviceId === tabletId);
  expect((await push(server.core, session.token, registered)).body.refused).toEqual([]);
  // Then the Wi-Fi goes: the sheet is marked and signed on the tablet alone.
  const sheet = { roundId: seeded.round.id, judgeId: judge.id, contestantId: seeded.contestants[0].id };
  for (const [index, criterion] of SECRETARY_SHEET.entries())
    await enterMark(tablet, { ...sheet, criterionId: criterion.id, value: 700 + index * 10 });
  await submitSignedSheet(tablet, sheet, subtle);
  const known = new Set(registered.map((event) => event.id));
  const unsent = (await wireLog(tablet)).filter(
    (event) => event.deviceId === tabletId && !known.has(event.id),
  );
  return { ...server, organizer, session, unsent, tabletId, judge };
}

function handoff(v: Awaited<ReturnType<typeof venue>>, events: readonly unknown[]) {
  return call<PushResponse>(v.core, 'POST', '/handoff', { token: v.organizer.token, body: { events } });
}

function storedIds(v: Awaited<ReturnType<typeof venue>>): string[] {
  return [...v.store.allEventBodies()].map((text) => (JSON.parse(text) as WireEvent).id);
}

function submitOf(events: readonly WireEvent[]): LeitaiEvent<'sheet.submit'> {
  return events.find((event) => event.type === 'sheet.submit') as unknown as LeitaiEvent<'sheet.submit'>;
}

describe('a hand-off relayed by the host console', () => {
  it('is admitted whole; twice, and the tablet’s own push after, are acknowledged as duplicates', async () => {
    const v = await venue();
    const first = await handoff(v, v.unsent);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ refused: [], accepted: v.unsent.length, duplicates: 0 });
    const count = storedIds(v).length;
    expect((await handoff(v, v.unsent)).body).toMatchObject({
      refused: [],
      accepted: 0,
      duplicates: v.unsent.length,
    });
    const own = await push(v.core, v.session.token, v.unsent);
    expect(own.body).toMatchObject({ refused: [], accepted: 0, duplicates: v.unsent.length });
    expect(storedIds(v)).toHaveLength(count);
  });

  it('refuses a sheet whose signed marks were changed, and the changed mark, storing nothing', async () => {
    const v = await venue();
    const before = storedIds(v).length;
    const submit = submitOf(v.unsent);
    const signature = submit.payload.signature as NonNullable<typeof submit.payload.signature>;
    const raised = signature.marks.map((mark, at) => (at === 0 ? { ...mark, value: 1000 } : mark));
    const forgedSubmit = {
      ...submit,
      payload: { ...submit.payload, signature: { ...signature, marks: raised } },
    };
    const forged = v.unsent.map((event) => {
      if (event.id === submit.id) return forgedSubmit;
      if (event.type === 'mark.set' && event.payload.criterionId === raised[0]?.criterionId)
        return { ...event, payload: { ...event.payload, value: 1000 } };
      return event;
    });
    const reply = await handoff(v, forged);
    expect(reply.body.accepted).toBe(0);
    expect(reply.body.refused).toHaveLength(forged.length);
    expect(reply.body.refused.find((entry) => entry.eventId === submit.id)?.message).toMatch(
      /signature does not verify/,
    );
    expect(storedIds(v)).toHaveLength(before);
  });

  it('refuses marks and an unsigned submission no signature covers (a forged tablet)', async () => {
    const v = await venue();
    const submit = submitOf(v.unsent);
    const { signature: _dropped, ...unsignedPayload } = submit.payload;
    const unsigned = v.unsent.map((event) =>
      event.id === submit.id ? { ...submit, payload: unsignedPayload } : event,
    );
    const reply = await handoff(v, unsigned);
    expect(reply.body.accepted).toBe(0);
    expect(reply.body.refused.map((entry) => entry.message)).toContain(
      `the sheet of judge ${v.judge.id} for contestant ${submit.payload.contestantId} is not signed`,
    );
  });

  it('refuses a key brought along in the hand-off: only keys registered through the server count', async () => {
    const v = await venue();
    const key = {
      id: 'key-from-a-qr',
      deviceId: v.tabletId,
      deviceSeq: 999,
      author: { role: 'judge', judgeId: v.judge.id },
      competitionId: submitOf(v.unsent).competitionId,
      roundId: null,
      recordedAt: '2026-11-23T09:00:00.000Z',
      type: 'judge.key.retire',
      payload: {
        judgeId: v.judge.id,
        deviceId: v.tabletId,
        fingerprint: 'AAAA-BBBB-CCCC-DDDD',
        reason: 'replaced',
      },
    };
    const reply = await handoff(v, [key]);
    expect(reply.body.refused).toEqual([
      expect.objectContaining({
        eventId: 'key-from-a-qr',
        message: expect.stringMatching(/signed sheets only/),
      }),
    ]);
  });

  it('is the organizer’s: a judge’s tablet cannot relay', async () => {
    const v = await venue();
    const reply = await call(v.core, 'POST', '/handoff', {
      token: v.session.token,
      body: { events: v.unsent },
    });
    expect(reply.status).toBe(403);
  });
});
