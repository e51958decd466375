/** Drafts: every keystroke saved on the device, a confirmed value becoming one mark event. */

import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import {
  checkDraftText,
  commitDraft,
  commitSheetDrafts,
  editDraftText,
  judgeDrafts,
  type MarkCell,
  pressKey,
  readProjection,
  refoldLog,
  sheetDrafts,
  stepMark,
  submitSheet,
} from '../../../src/db/repository';
import type { Criterion } from '../../../src/domain/model';
import { freshDb, refusal, seedRound } from '../db/helpers';

const content: Criterion = { id: 'content', label: '内容', max: 4000, points: 4000, step: 10 };
const halves: Criterion = { id: 'overall', label: '综合印象', max: 1000, points: 1000, step: 50 };

describe('editDraftText', () => {
  it('types like a calculator', () => {
    const type = (keys: Parameters<typeof editDraftText>[1][]) => keys.reduce(editDraftText, '');
    expect(type(['3', '8', '.', '5'])).toBe('38.5');
    expect(type(['0', '4'])).toBe('4');
    expect(type(['.', '5'])).toBe('0.5');
    expect(type(['3', '.', '.', '5'])).toBe('3.5');
    expect(type(['3', '8', 'backspace'])).toBe('3');
    expect(type(['3', '8', 'clear'])).toBe('');
    expect(type(['backspace'])).toBe('');
    expect(type(['1', '2', '3', '4', '5', '6', '7', '8', '9'])).toBe('1234567');
  });
});

describe('checkDraftText', () => {
  it('accepts a mark on the step within 0..max', () => {
    expect(checkDraftText(content, '38.5')).toEqual({ ok: true, value: 3850 });
    expect(checkDraftText(content, '40')).toEqual({ ok: true, value: 4000 });
    expect(checkDraftText(content, '0')).toEqual({ ok: true, value: 0 });
    expect(checkDraftText(content, '3.')).toEqual({ ok: true, value: 300 });
  });

  it('names each problem, with the max and the step to show', () => {
    expect(checkDraftText(content, '')).toMatchObject({ ok: false, code: 'empty' });
    expect(checkDraftText(content, '41')).toMatchObject({
      ok: false,
      code: 'markAboveMax',
      params: { max: '40' },
    });
    expect(checkDraftText(content, '38.55')).toMatchObject({
      ok: false,
      code: 'markOffStep',
      params: { step: '0.1' },
    });
    expect(checkDraftText(halves, '7.3')).toMatchObject({
      ok: false,
      code: 'markOffStep',
      params: { step: '0.5' },
    });
    expect(checkDraftText(content, '38.555')).toMatchObject({ ok: false, code: 'tooManyDecimals' });
  });
});

async function setUp() {
  const factory = new IDBFactory();
  const db = freshDb(factory);
  const seeded = await seedRound(db);
  const [wang] = seeded.judges;
  const [, lisi] = seeded.contestants;
  const sheet = { roundId: seeded.round.id, judgeId: wang.id, contestantId: lisi.id };
  const cell = (criterionId: string): MarkCell => ({ ...sheet, criterionId });
  return { factory, db, seeded, sheet, cell };
}

async function type(db: Parameters<typeof pressKey>[0], cell: MarkCell, text: string) {
  for (const key of text) await pressKey(db, cell, key as Parameters<typeof pressKey>[2]);
}

describe('drafts in IndexedDB', () => {
  it('saves every keystroke, and no event, until the value is confirmed', async () => {
    const { db, cell } = await setUp();
    const events = await db.events.count();
    await type(db, cell('content'), '38');
    expect((await db.drafts.toArray()).map((draft) => draft.text)).toEqual(['38']);
    expect(await db.events.count()).toBe(events);

    const result = await commitDraft(db, cell('content'));
    expect(result).toMatchObject({ status: 'committed', mark: { value: 3800 } });
    expect(await db.drafts.count()).toBe(0);
    expect(await db.events.count()).toBe(events + 1);
    expect(await commitDraft(db, cell('content'))).toMatchObject({
      status: 'unchanged',
      mark: { value: 3800 },
    });
    expect(await readProjection(db)).toEqual(await refoldLog(db));
  });

  it('survives a reload: a new Dexie instance on the same IndexedDB holds the draft', async () => {
    const { factory, db, cell } = await setUp();
    await type(db, cell('content'), '37.5');
    db.close();
    const reopened = freshDb(factory);
    expect(await reopened.drafts.toArray()).toEqual([{ ...cell('content'), text: '37.5' }]);
  });

  it('keeps an invalid draft as typed and writes nothing', async () => {
    const { db, cell } = await setUp();
    const events = await db.events.count();
    await type(db, cell('content'), '41');
    const result = await commitDraft(db, cell('content'));
    expect(result).toMatchObject({ status: 'invalid', check: { code: 'markAboveMax' } });
    expect(
      await db.drafts.get([
        cell('content').roundId,
        cell('content').judgeId,
        cell('content').contestantId,
        'content',
      ]),
    ).toMatchObject({ text: '41' });
    expect(await db.events.count()).toBe(events);
  });

  it('replaces a confirmed mark when typing starts, and edits it with backspace', async () => {
    const { db, cell } = await setUp();
    await type(db, cell('content'), '38');
    await commitDraft(db, cell('content'));
    await type(db, cell('content'), '3');
    expect((await db.drafts.toArray())[0]?.text).toBe('3');
    await pressKey(db, cell('content'), 'clear');
    await commitDraft(db, cell('content')); // empty: refused, the mark stays
    expect((await db.marks.toArray())[0]?.value).toBe(3800);
    await db.drafts.clear();
    await pressKey(db, cell('content'), 'backspace');
    expect((await db.drafts.toArray())[0]?.text).toBe('3');
  });

  it('steps a mark up and down, committed at once, and refuses beyond max', async () => {
    const { db, cell } = await setUp();
    await refusal(stepMark(db, cell('overall'), 1), 'invalid-field');
    await type(db, cell('overall'), '9.9');
    expect((await stepMark(db, cell('overall'), 1))?.value).toBe(1000);
    expect(await db.drafts.count()).toBe(0);
    await refusal(stepMark(db, cell('overall'), 1), 'mark-above-max');
    expect((await stepMark(db, cell('overall'), -1))?.value).toBe(990);
  });

  it('commits a whole sheet of drafts before 提交 and reports the invalid ones', async () => {
    const { db, sheet, cell, seeded } = await setUp();
    await type(db, cell('content'), '38');
    await type(db, cell('presence'), '16');
    const invalid = await commitSheetDrafts(db, sheet);
    expect([...invalid.keys()]).toEqual(['presence']);
    expect(invalid.get('presence')).toMatchObject({ code: 'markAboveMax', params: { max: '15' } });
    expect(await sheetDrafts(db, sheet).count()).toBe(1);
    expect(await judgeDrafts(db, seeded.round.id, sheet.judgeId).count()).toBe(1);
    expect(await judgeDrafts(db, seeded.round.id, seeded.judges[1].id).count()).toBe(0);
    expect((await db.marks.toArray()).map((mark) => [mark.criterionId, mark.value])).toEqual([
      ['content', 3800],
    ]);
  });

  it('cannot change a submitted sheet through a draft', async () => {
    const { db, sheet, cell, seeded } = await setUp();
    for (const [index, criterion] of seeded.round.criteria.entries()) {
      await type(db, cell(criterion.id), String(index + 5));
    }
    expect(await commitSheetDrafts(db, sheet)).toEqual(new Map());
    await submitSheet(db, sheet);
    await type(db, cell('content'), '1');
    await refusal(commitDraft(db, cell('content')), 'sheet-submitted');
    expect(await db.drafts.count()).toBe(1);
  });
});
