/** The score sheet: entry, each validation message, drafts that survive a reload, submit and lock. */

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { pressKey } from '../../../src/db/repository';
import { freshDb } from '../db/helpers';
import { criterionRow, keypad, renderBoundJudge, typeOnKeypad } from './render';
import { seedJudgeRound } from './seed';

beforeEach(() => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
});

const errorIn = (label: string) => criterionRow(label).querySelector('.crit__error')?.textContent ?? null;
const valueIn = (label: string) => criterionRow(label).querySelector('.crit__value')?.textContent;
const keypadTarget = () =>
  screen.getByRole('region', { name: /号/ }).querySelector('.judge-keypad__target') as HTMLElement;
const saveStatus = () => screen.getByRole('region', { name: /号/ }).querySelector('.judge-save')?.textContent;

async function openSheet(factory = new IDBFactory()) {
  const db = freshDb(factory);
  const seeded = await seedJudgeRound(db);
  const view = await renderBoundJudge(db, seeded.wang.id, seeded.lisi.id);
  return { db, factory, ...seeded, ...view };
}

describe('entering marks', () => {
  it('shows every criterion with its 满分 and step, and no text field', async () => {
    await openSheet();
    expect(screen.getByRole('heading', { level: 2, name: '1 号 李四' })).toBeInTheDocument();
    const labels = ['内容', '形象风采', '语言表达', 'PPT制作', '综合印象'];
    for (const label of labels) expect(criterionRow(label)).toBeInTheDocument();
    const meta = (label: string) => criterionRow(label).querySelector('.crit__meta')?.textContent;
    expect(meta('内容')).toBe('满分 40 · 最小分值 0.1');
    expect(meta('综合印象')).toBe('满分 10 · 最小分值 0.1');
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(keypadTarget()).toHaveTextContent('正在打分：内容');
    expect(screen.getByText('满分 100 · 已打 0/5 项')).toBeInTheDocument();
  });

  it('saves each key as a draft, and 确定 makes it a saved mark and moves on', async () => {
    const { db, user, round, wang, lisi } = await openSheet();
    await typeOnKeypad(user, '38.5');
    await waitFor(() => expect(valueIn('内容')).toBe('38.5'));
    expect(within(criterionRow('内容')).getByText('未确认')).toBeInTheDocument();
    expect(saveStatus()).toBe('未确认，按“确定”保存');
    expect(await db.drafts.toArray()).toEqual([
      { roundId: round.id, judgeId: wang.id, contestantId: lisi.id, criterionId: 'content', text: '38.5' },
    ]);
    expect(await db.marks.count()).toBe(0);

    await user.click(keypad().getByRole('button', { name: /确定/ }));
    await waitFor(() => expect(within(criterionRow('内容')).getByText('✓ 已保存')).toBeInTheDocument());
    expect(saveStatus()).toBe('✓ 已保存在本机');
    expect(await db.drafts.count()).toBe(0);
    expect((await db.marks.toArray()).map((mark) => mark.value)).toEqual([3850]);
    expect(keypadTarget()).toHaveTextContent('正在打分：形象风采');
    expect(screen.getByText('本机保存').nextElementSibling).toHaveTextContent('1 个分数');

    await typeOnKeypad(user, '12');
    await waitFor(() => expect(valueIn('形象风采')).toBe('12'));
    expect(document.querySelector('.judge-total__value')?.textContent).toBe('50.50');
  });

  it('commits on 确定 a digit already saved but not yet on screen', async () => {
    const { db, round, wang, lisi } = await openSheet();
    const cell = { roundId: round.id, judgeId: wang.id, contestantId: lisi.id, criterionId: 'content' };
    // The digit's draft is in the database; the sheet's live query has not shown it yet.
    await pressKey(db, cell, '3');
    fireEvent.click(keypad().getByRole('button', { name: /确定/ }));
    await waitFor(() => expect(keypadTarget()).toHaveTextContent('正在打分：形象风采'));
    expect((await db.marks.toArray()).map((mark) => mark.value)).toEqual([300]);
    expect(await db.drafts.count()).toBe(0);
  });

  it('says what is wrong beside the criterion, at once, and writes no mark', async () => {
    const { db, user } = await openSheet();
    await typeOnKeypad(user, '41');
    await waitFor(() => expect(errorIn('内容')).toBe('超过满分 40'));
    expect(screen.getByRole('button', { name: /^内容：/ })).toHaveAccessibleDescription('超过满分 40');
    await user.click(keypad().getByRole('button', { name: /确定/ }));
    expect(keypadTarget()).toHaveTextContent('正在打分：内容'); // stays on the wrong cell

    await user.click(keypad().getByRole('button', { name: '清空' }));
    await typeOnKeypad(user, '38.55');
    await waitFor(() => expect(errorIn('内容')).toBe('须为 0.1 的整数倍'));

    await user.click(keypad().getByRole('button', { name: '退格' }));
    await waitFor(() => expect(errorIn('内容')).toBeNull());
    await typeOnKeypad(user, '5');
    await user.click(keypad().getByRole('button', { name: '清空' }));
    await typeOnKeypad(user, '1.234');
    await waitFor(() => expect(errorIn('内容')).toBe('最多两位小数'));

    await user.click(keypad().getByRole('button', { name: '清空' }));
    await user.click(keypad().getByRole('button', { name: /确定/ }));
    await waitFor(() => expect(errorIn('内容')).toBe('请打分'));
    expect(await db.marks.count()).toBe(0);
    expect(await db.events.where('type').equals('mark.set').count()).toBe(0);
  });

  it('commits a typed value when the judge taps another criterion', async () => {
    const { db, user } = await openSheet();
    await typeOnKeypad(user, '36');
    await user.click(screen.getByRole('button', { name: /^语言表达：/ }));
    await waitFor(async () => expect((await db.marks.toArray()).map((mark) => mark.value)).toEqual([3600]));
    expect(keypadTarget()).toHaveTextContent('正在打分：语言表达');
  });

  it('steps a mark with + and −, and disables + at 满分', async () => {
    const { db, user } = await openSheet();
    const plus = () => within(criterionRow('综合印象')).getByRole('button', { name: '综合印象 加 0.1' });
    const minus = () => within(criterionRow('综合印象')).getByRole('button', { name: '综合印象 减 0.1' });
    expect(plus()).toBeDisabled(); // nothing to step from yet
    await user.click(screen.getByRole('button', { name: /^综合印象：/ }));
    await typeOnKeypad(user, '9.9');
    await waitFor(() => expect(plus()).toBeEnabled());
    await user.click(plus());
    await waitFor(() => expect(valueIn('综合印象')).toBe('10'));
    expect(plus()).toBeDisabled();
    await user.click(minus());
    await waitFor(() => expect(valueIn('综合印象')).toBe('9.9'));
    expect((await db.marks.toArray()).map((mark) => mark.value)).toEqual([990]);
  });

  it('keeps a half-typed sheet across a reload (a new Dexie on the same IndexedDB)', async () => {
    const { db, factory, user, unmount, wang, lisi } = await openSheet();
    await typeOnKeypad(user, '35');
    await user.click(keypad().getByRole('button', { name: /确定/ }));
    await typeOnKeypad(user, '13.5');
    await waitFor(async () => expect((await db.drafts.toArray())[0]?.text).toBe('13.5'));
    unmount();
    db.close();

    const reopened = freshDb(factory);
    expect((await reopened.drafts.toArray()).map((draft) => draft.text)).toEqual(['13.5']);
    const { renderJudgePage } = await import('./render');
    renderJudgePage(reopened);
    expect(await screen.findByRole('heading', { level: 2, name: '1 号 李四' })).toBeInTheDocument();
    expect(valueIn('内容')).toBe('35');
    expect(valueIn('形象风采')).toBe('13.5');
    expect(within(criterionRow('形象风采')).getByText('未确认')).toBeInTheDocument();
    expect(keypadTarget()).toHaveTextContent('正在打分：形象风采');
    expect((await reopened.judgeSession.get('self'))?.contestantId).toBe(lisi.id);
    expect((await reopened.judgeSession.get('self'))?.judgeId).toBe(wang.id);
  });
});

describe('submitting', () => {
  it('refuses an incomplete sheet and marks what is missing', async () => {
    const { db, user } = await openSheet();
    await typeOnKeypad(user, '38');
    await user.click(screen.getByRole('button', { name: '提交评分表' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('还有 4 项未打分或有误');
    for (const label of ['形象风采', '语言表达', 'PPT制作', '综合印象'])
      expect(errorIn(label)).toBe('请打分');
    expect(errorIn('内容')).toBeNull();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await db.sheets.count()).toBe(0);
  });

  it('shows the whole sheet and total, then locks it', async () => {
    const { db, user } = await openSheet();
    for (const value of ['38', '13.5', '18', '12', '9']) {
      await typeOnKeypad(user, value);
      await user.click(keypad().getByRole('button', { name: /确定/ }));
    }
    await waitFor(() => expect(document.querySelector('.judge-total__value')?.textContent).toBe('90.50'));
    await user.click(screen.getByRole('button', { name: '提交评分表' }));
    const dialog = await screen.findByRole('dialog', { name: '确认提交：1 号 李四' });
    const rows = within(dialog)
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(rows).toEqual([
      '评分项得分满分',
      '内容3840',
      '形象风采13.515',
      '语言表达1820',
      'PPT制作1215',
      '综合印象910',
      '合计90.50100',
    ]);

    await user.click(within(dialog).getByRole('button', { name: '返回修改' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await db.sheets.count()).toBe(0);

    await user.click(screen.getByRole('button', { name: '提交评分表' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: '确认提交' }));
    expect(await screen.findByText('已提交，评分表已锁定')).toBeInTheDocument();
    expect((await db.sheets.toArray()).map((sheet) => sheet.status)).toEqual(['submitted']);
    // Read-only: no keypad, no steppers, no criterion to pick.
    expect(screen.queryByRole('group', { name: '分数键盘' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /加 0.1/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^内容：/ })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: '1 号 李四' })).toBeInTheDocument();
    const list = screen.getByRole('navigation', { name: '选手（出场顺序）' });
    expect(within(list).getByRole('button', { name: /李四/ })).toHaveTextContent('已提交');
  });
});
