/**
 * Judges' join codes have eight digits: drawn without bias, unique on the device; the local bind
 * refuses the empty code of other devices and the six-digit codes of before, and 重新生成评委码
 * replaces a round's codes through the log.
 */

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LeitaiDB } from '../../../src/db/database';
import { competitionScope, putEntities } from '../../../src/db/entities';
import { joinCodeFromWord, newJoinCode } from '../../../src/db/ids';
import { writeTransaction } from '../../../src/db/log';
import {
  bindJudge,
  findJudgesByCode,
  readJudgeSession,
  readProjection,
  refoldLog,
  renewJoinCodes,
} from '../../../src/db/repository';
import { groupJoinCode, isJoinCode, isOutdatedJoinCode } from '../../../src/domain/join-code';
import type { JudgeRecord } from '../../../src/domain/records';
import { freshDb, refusal, seedRound } from './helpers';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Makes the join code draws get these 32-bit words, in order; ids stay random. */
function drawWords(...words: number[]) {
  const random = crypto.getRandomValues.bind(crypto);
  return vi.spyOn(crypto, 'getRandomValues').mockImplementation((array) => {
    if (!(array instanceof Uint32Array) || words.length === 0) return random(array);
    array[0] = words.shift() as number;
    return array;
  });
}

/** The judges as a device set up before codes had eight digits wrote them: through the log. */
async function giveOldCodes(db: LeitaiDB, judges: readonly JudgeRecord[]): Promise<JudgeRecord[]> {
  const competitionId = judges[0]?.competitionId as string;
  const old = judges.map((judge, index) => ({ ...judge, joinCode: `12345${index}` }));
  await writeTransaction(db, () => putEntities(db, 'judges', old, competitionScope(competitionId)));
  return old;
}

describe('a join code', () => {
  it('is eight digits, shown in two groups of four', () => {
    expect(isJoinCode('01234567')).toBe(true);
    for (const text of ['', '123456', '1234567', '123456789', '1234 567', '1234567a']) {
      expect(isJoinCode(text)).toBe(false);
    }
    expect(groupJoinCode('01234567')).toBe('0123 4567');
    expect(groupJoinCode('123456')).toBe('123456');
  });

  it('is outdated with six digits, but not when this device is not shown it', () => {
    expect(isOutdatedJoinCode('123456')).toBe(true);
    expect(isOutdatedJoinCode('')).toBe(false);
    expect(isOutdatedJoinCode('12345678')).toBe(false);
  });
});

describe('newJoinCode', () => {
  it('maps 42 × 10^8 words onto the codes, each code equally often, and draws the rest again', () => {
    // 42 × 10^8 is the largest multiple of 10^8 below 2^32: every code has exactly 42 words.
    expect(joinCodeFromWord(0)).toBe('00000000');
    expect(joinCodeFromWord(99_999_999)).toBe('99999999');
    expect(joinCodeFromWord(100_000_000)).toBe('00000000');
    expect(joinCodeFromWord(4_199_999_999)).toBe('99999999');
    expect(joinCodeFromWord(4_200_000_000)).toBeNull();
    expect(joinCodeFromWord(2 ** 32 - 1)).toBeNull();
  });

  it('draws again on a word above the unbiased range', () => {
    const words = drawWords(2 ** 32 - 1, 4_200_000_000, 123);
    expect(newJoinCode(new Set())).toBe('00000123');
    expect(words).toHaveBeenCalledTimes(3);
  });

  it('avoids the codes already taken', () => {
    drawWords(5, 100_000_005, 7);
    expect(newJoinCode(new Set(['00000005']))).toBe('00000007');
  });

  it('refuses once half the codes are taken, rather than search for long', () => {
    const half = { size: 50_000_000, has: () => true } as unknown as ReadonlySet<string>;
    expect(() => newJoinCode(half)).toThrow('join codes exhausted');
  });

  it('keeps its leading zeros: the first digit is as often 0 as any other', () => {
    const firsts = new Map<string, number>();
    for (let i = 0; i < 20_000; i += 1) {
      const code = newJoinCode(new Set());
      expect(code).toMatch(/^\d{8}$/);
      firsts.set(code[0] as string, (firsts.get(code[0] as string) ?? 0) + 1);
    }
    // Chi-square with 9 degrees of freedom: above 40 by chance about once in 130 000 runs.
    const chiSquare = [...'0123456789'].reduce((sum, digit) => {
      const seen = firsts.get(digit) ?? 0;
      return sum + (seen - 2000) ** 2 / 2000;
    }, 0);
    expect(chiSquare).toBeLessThan(40);
  });
});

describe('the local bind by code', () => {
  it('never matches the empty code that other devices hold, nor a six-digit code', async () => {
    const db = freshDb();
    const { judges } = await seedRound(db);
    const [wang, li, zhao] = judges;
    await db.judges.update(li.id, { joinCode: '' }); // as the venue server sends it to tablets
    await db.judges.update(zhao.id, { joinCode: '123456' }); // set up before codes had eight digits
    expect(await findJudgesByCode(db, '')).toEqual([]);
    expect(await findJudgesByCode(db, '123456')).toEqual([]);
    expect(await findJudgesByCode(db, wang.joinCode)).toEqual([wang]);
  });
});

describe('renewJoinCodes (重新生成评委码)', () => {
  it('gives each judge of the round a new 8-digit code in one write, and the old ones stop binding', async () => {
    const db = freshDb();
    const { round, judges } = await seedRound(db);
    const old = await giveOldCodes(db, judges);
    await bindJudge(db, judges[0].id);
    const eventsBefore = await db.events.count();
    const outboxBefore = await db.outbox.count();

    const renewed = await renewJoinCodes(db, round.competitionId);

    expect(renewed.map((judge) => judge.id)).toEqual(judges.map((judge) => judge.id));
    for (const [index, judge] of renewed.entries()) {
      expect(judge).toEqual({ ...old[index], joinCode: judge.joinCode });
      expect(judge.joinCode).toMatch(/^\d{8}$/);
      expect(await db.judges.get(judge.id)).toEqual(judge);
      expect(await findJudgesByCode(db, judge.joinCode)).toEqual([judge]);
    }
    expect(new Set(renewed.map((judge) => judge.joinCode)).size).toBe(3);
    for (const judge of old) expect(await findJudgesByCode(db, judge.joinCode)).toEqual([]);

    // One entity.put a judge, queued for the venue server, the projection as the log says.
    const events = (await db.events.toArray()).sort((a, b) => a.deviceSeq - b.deviceSeq).slice(eventsBefore);
    expect(events).toHaveLength(3);
    for (const [index, event] of events.entries()) {
      expect(event).toMatchObject({
        type: 'entity.put',
        competitionId: round.competitionId,
        roundId: null,
        payload: { table: 'judges', entity: renewed[index], revision: 3 },
      });
    }
    expect(await db.outbox.count()).toBe(outboxBefore + 3);
    expect(await readProjection(db)).toEqual(await refoldLog(db));

    // A tablet bound by judge id stays bound.
    expect((await readJudgeSession(db))?.judgeId).toBe(judges[0].id);
  });

  it('avoids the codes of other competitions, and refuses an unknown competition', async () => {
    const db = freshDb();
    const first = await seedRound(db);
    const second = await seedRound(db);
    const otherCodes = new Set(first.judges.map((judge) => judge.joinCode));
    drawWords(...first.judges.map((judge) => Number(judge.joinCode)), 1, 2, 3);
    const renewed = await renewJoinCodes(db, second.round.competitionId);
    expect(renewed.map((judge) => judge.joinCode)).toEqual(['00000001', '00000002', '00000003']);
    for (const judge of renewed) expect(otherCodes.has(judge.joinCode)).toBe(false);
    await refusal(renewJoinCodes(db, 'missing'), 'not-found');
  });
});
