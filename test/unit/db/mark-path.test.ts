/**
 * A mark's short write path (src/db/marks.ts): one transaction writes the event, its projection
 * and its outbox row together or not at all; a refusal leaves every table as it was; the lock
 * rule is the fold's (`isMarkLocked`); and nothing of the stage or the engine is loaded.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LeitaiDB } from '../../../src/db/database';
import { markTransaction } from '../../../src/db/marks';
import {
  enterMark,
  putContestant,
  revealContestant,
  stepMark,
  submitSheet,
  updateRound,
} from '../../../src/db/repository';
import { freshDb, refusal, SECRETARY_SHEET, seedRound } from './helpers';

/** Every table a mark's write may touch, as stored. */
async function snapshot(db: LeitaiDB) {
  return {
    events: await db.events.toArray(),
    marks: await db.marks.toArray(),
    sheets: await db.sheets.toArray(),
    outbox: await db.outbox.toArray(),
    device: await db.device.toArray(),
    drafts: await db.drafts.toArray(),
  };
}

async function fillSheet(db: LeitaiDB, sheet: { roundId: string; judgeId: string; contestantId: string }) {
  for (const criterion of SECRETARY_SHEET) {
    await enterMark(db, { ...sheet, criterionId: criterion.id, value: criterion.max / 2 });
  }
}

describe('a mark’s write path', () => {
  it('writes the event, the projection and the outbox row in one transaction', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await seedRound(db);
    const cell = {
      roundId: round.id,
      judgeId: judges[0].id,
      contestantId: contestants[1].id,
      criterionId: 'content',
    };
    const before = await snapshot(db);

    const mark = await enterMark(db, { ...cell, value: 3550 });
    const after = await snapshot(db);
    const [event] = after.events.filter((candidate) => !before.events.some((old) => old.id === candidate.id));
    expect(event).toMatchObject({
      type: 'mark.set',
      roundId: round.id,
      payload: {
        judgeId: cell.judgeId,
        contestantId: cell.contestantId,
        criterionId: 'content',
        value: 3550,
        revision: 1,
      },
    });
    expect(after.events).toHaveLength(before.events.length + 1);
    expect(mark).toMatchObject({ value: 3550, head: { eventId: event?.id, revision: 1 } });
    // The outbox is keyed by event id: its order is not the writes'.
    expect(after.outbox).toHaveLength(before.outbox.length + 1);
    expect(after.outbox).toContainEqual({ eventId: event?.id, deviceSeq: event?.deviceSeq });

    // A failure after the write, in the same transaction, takes all three back.
    await expect(
      markTransaction(db, async () => {
        await enterMark(db, { ...cell, value: 3600 });
        throw new Error('the tablet lost power');
      }),
    ).rejects.toThrow('the tablet lost power');
    expect(await snapshot(db)).toEqual(after);
  });

  it('changes nothing when it refuses', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await seedRound(db);
    const [wang, li, zhao] = judges;
    const [zhang, lisi, wangwu] = contestants;
    const sheet = { roundId: round.id, judgeId: wang.id, contestantId: lisi.id };
    await fillSheet(db, sheet);
    await submitSheet(db, sheet);
    await putContestant(db, { id: wangwu.id, roundId: round.id, status: 'withdrawn' });
    const before = await snapshot(db);

    await refusal(enterMark(db, { ...sheet, criterionId: 'content', value: 3000 }), 'sheet-submitted');
    await refusal(
      enterMark(db, {
        roundId: round.id,
        judgeId: zhao.id,
        contestantId: zhang.id,
        criterionId: 'content',
        value: 3000,
      }),
      'judge-recused',
    );
    const open = { roundId: round.id, judgeId: li.id, contestantId: lisi.id };
    await refusal(enterMark(db, { ...open, criterionId: 'content', value: 4010 }), 'mark-above-max');
    await refusal(enterMark(db, { ...open, criterionId: 'content', value: 3555 }), 'mark-off-step');
    await refusal(enterMark(db, { ...open, criterionId: 'nope', value: 100 }), 'unknown-criterion');
    await refusal(enterMark(db, { ...open, criterionId: 'content', value: 100 }, true), 'rehearsal-invalid');
    await refusal(
      enterMark(db, { ...open, contestantId: wangwu.id, criterionId: 'content', value: 100 }),
      'contestant-inactive',
    );
    await refusal(submitSheet(db, open), 'sheet-incomplete');
    expect(await snapshot(db)).toEqual(before);
  });

  it('locks exactly the cells a reveal froze: a criterion added after it is open', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await seedRound(db);
    const [wang, li, zhao] = judges;
    const lisi = contestants[1];
    for (const judge of [wang, li]) {
      await fillSheet(db, { roundId: round.id, judgeId: judge.id, contestantId: lisi.id });
      await submitSheet(db, { roundId: round.id, judgeId: judge.id, contestantId: lisi.id });
    }
    // 赵评委 has marked but not pressed 提交: the reveal freezes their cells all the same.
    await fillSheet(db, { roundId: round.id, judgeId: zhao.id, contestantId: lisi.id });
    await revealContestant(db, { roundId: round.id, contestantId: lisi.id, overrideReason: '评委平板没电' });
    const zhaoSheet = { roundId: round.id, judgeId: zhao.id, contestantId: lisi.id };
    await refusal(enterMark(db, { ...zhaoSheet, criterionId: 'content', value: 3000 }), 'contestant-locked');
    await refusal(submitSheet(db, zhaoSheet), 'contestant-locked');

    await updateRound(db, round.id, {
      criteria: [...SECRETARY_SHEET, { id: 'extra', label: '现场答辩', max: 1000 }],
    });
    expect(await enterMark(db, { ...zhaoSheet, criterionId: 'extra', value: 800 })).toMatchObject({
      value: 800,
    });
    // The stepper goes the same way: one check, the same lock rule.
    expect(await stepMark(db, { ...zhaoSheet, criterionId: 'extra' }, 1)).toMatchObject({ value: 810 });
    await refusal(enterMark(db, { ...zhaoSheet, criterionId: 'content', value: 3000 }), 'contestant-locked');
  });
});

describe('what writing a mark loads', () => {
  /** Every source file that `file` imports, directly or not (type-only imports left out). */
  function importsOf(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, typeOnly, specifier] of source.matchAll(
      /^(?:import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms,
    )) {
      if (typeOnly || !specifier?.startsWith('.')) continue;
      const target = resolve(dirname(file), specifier);
      importsOf(target.endsWith('.ts') ? target : `${target}.ts`, seen);
    }
    return seen;
  }

  it('is neither the stage nor the engine', () => {
    const root = resolve(__dirname, '../../..');
    const loaded = [...importsOf(join(root, 'src/db/marks.ts'))].map((file) => file.slice(root.length + 1));
    expect(loaded).toContain('src/domain/mark-write.ts');
    expect(loaded).not.toContain('src/db/stage.ts');
    expect(loaded).not.toContain('src/domain/stage.ts');
    expect(loaded).not.toContain('src/domain/engine.ts');
  });
});
