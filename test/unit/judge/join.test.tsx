/** Joining: the join code on the keypad, "您是…吗？", the binding remembered, 切换评委. */

import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { bindJudge, readJudgeSession } from '../../../src/db/repository';
import { freshDb } from '../db/helpers';
import { renderJudgePage } from './render';
import { seedJudgeRound } from './seed';

beforeEach(() => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
});

const codeKeypad = () => within(screen.getByRole('group', { name: '评委码键盘' }));

async function typeCode(user: UserEvent, code: string) {
  for (const digit of code) await user.click(codeKeypad().getByRole('button', { name: digit }));
}

/** What the code boxes show, group by group ('' for an empty box). */
function codeBoxes(): string[][] {
  return [...document.querySelectorAll('.judge-join__group')].map((group) =>
    [...group.querySelectorAll('.judge-join__digit')].map((box) => box.textContent ?? ''),
  );
}

describe('joining as a judge', () => {
  it('asks for the code on a keypad, confirms the name, and remembers the judge', async () => {
    const db = freshDb();
    const { wang } = await seedJudgeRound(db);
    const { user } = renderJudgePage(db);
    expect(await screen.findByText('请输入您的 8 位评委码')).toBeInTheDocument();
    // No text field: nothing for a system keyboard to pop up over.
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    for (const digit of wang.joinCode) await user.click(codeKeypad().getByRole('button', { name: digit }));

    expect(await screen.findByText('您是 王评委（市委组织部）吗？')).toBeInTheDocument();
    expect(screen.getByText('评分轮次：市级决赛')).toBeInTheDocument();
    expect(await readJudgeSession(db)).toBeUndefined(); // nothing bound before the yes
    await user.click(screen.getByRole('button', { name: '是我，开始评分' }));

    expect(await screen.findByRole('heading', { level: 1, name: '王评委' })).toBeInTheDocument();
    expect(await readJudgeSession(db)).toMatchObject({ judgeId: wang.id, contestantId: null });
    expect(screen.getByRole('heading', { name: '请选择选手' })).toBeInTheDocument();
  });

  it('says so for an unknown code, and "not me" starts over', async () => {
    const db = freshDb();
    const { wang } = await seedJudgeRound(db);
    const unknown = wang.joinCode === '00000000' ? '00000001' : '00000000';
    const { user } = renderJudgePage(db);
    await screen.findByText('请输入您的 8 位评委码');
    for (const digit of unknown) await user.click(codeKeypad().getByRole('button', { name: digit }));
    expect(await screen.findByRole('alert')).toHaveTextContent(`没有找到评委码 ${unknown}`);
    await user.click(codeKeypad().getByRole('button', { name: '清空' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    for (const digit of wang.joinCode) await user.click(codeKeypad().getByRole('button', { name: digit }));
    await user.click(await screen.findByRole('button', { name: '不是我，重新输入' }));
    expect(await screen.findByText('请输入您的 8 位评委码')).toBeInTheDocument();
    expect(await readJudgeSession(db)).toBeUndefined();
  });

  it('takes the code from the QR link, still asks, then drops it from the address', async () => {
    const db = freshDb();
    const { zhao } = await seedJudgeRound(db);
    const { user } = renderJudgePage(db, `/judge?code=${zhao.joinCode}`);
    expect(await screen.findByText('您是 赵评委（三工镇党委）吗？')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '是我，开始评分' }));
    expect(await screen.findByRole('heading', { level: 1, name: '赵评委' })).toBeInTheDocument();
    expect(window.location.search).toBe('');
  });

  it('asks before a QR code of another judge takes over a bound tablet', async () => {
    const db = freshDb();
    const { wang, zhao } = await seedJudgeRound(db);
    const first = renderJudgePage(db, `/judge?code=${wang.joinCode}`);
    await first.user.click(await screen.findByRole('button', { name: '是我，开始评分' }));
    await screen.findByRole('heading', { level: 1, name: '王评委' });
    first.unmount();

    const { user } = renderJudgePage(db, `/judge?code=${zhao.joinCode}`);
    expect(await screen.findByText('本平板目前登记的是 王评委。确认后将改为您。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '仍由 王评委 使用本平板' }));
    expect(await screen.findByRole('heading', { level: 1, name: '王评委' })).toBeInTheDocument();
    expect((await readJudgeSession(db))?.judgeId).toBe(wang.id);
  });

  it('切换评委 unbinds after a confirmation', async () => {
    const db = freshDb();
    const { wang } = await seedJudgeRound(db);
    const { user } = renderJudgePage(db, `/judge?code=${wang.joinCode}`);
    await user.click(await screen.findByRole('button', { name: '是我，开始评分' }));
    await user.click(await screen.findByRole('button', { name: '不是我？切换评委' }));
    const dialog = screen.getByRole('dialog', { name: '退出 王评委？' });
    await user.click(within(dialog).getByRole('button', { name: '取消' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect((await readJudgeSession(db))?.judgeId).toBe(wang.id);

    await user.click(screen.getByRole('button', { name: '不是我？切换评委' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '确定退出' }));
    expect(await screen.findByText('请输入您的 8 位评委码')).toBeInTheDocument();
    await waitFor(async () => expect(await readJudgeSession(db)).toBeUndefined());
  });

  it('takes eight digits in two groups of four, looks up only the whole code, then takes no more', async () => {
    const db = freshDb();
    const { wang } = await seedJudgeRound(db);
    const { user } = renderJudgePage(db);
    await screen.findByText('请输入您的 8 位评委码');
    expect(codeBoxes()).toEqual([
      ['', '', '', ''],
      ['', '', '', ''],
    ]);
    expect(screen.getByRole('status', { name: '请输入您的 8 位评委码' })).toHaveTextContent('尚未输入');

    await typeCode(user, wang.joinCode.slice(0, 7));
    expect(codeBoxes()).toEqual([[...wang.joinCode.slice(0, 4)], [...wang.joinCode.slice(4, 7), '']]);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByText(/您是/)).not.toBeInTheDocument();
    await user.click(codeKeypad().getByRole('button', { name: '退格' }));
    expect(codeBoxes()[1]).toEqual([...wang.joinCode.slice(4, 6), '', '']);

    await user.click(codeKeypad().getByRole('button', { name: '清空' }));
    const unknown = wang.joinCode === '12345678' ? '87654321' : '12345678';
    await typeCode(user, unknown);
    expect(await screen.findByRole('alert')).toHaveTextContent(`没有找到评委码 ${unknown}`);
    expect(codeBoxes()).toEqual([[...unknown.slice(0, 4)], [...unknown.slice(4)]]);
    for (const digit of '0123456789')
      expect(codeKeypad().getByRole('button', { name: digit })).toBeDisabled();
    expect(codeKeypad().getByRole('button', { name: '退格' })).toBeEnabled();
  });

  it('says that a link with an old six-digit code no longer works', async () => {
    const db = freshDb();
    await seedJudgeRound(db);
    const { user } = renderJudgePage(db, '/judge?code=123456');
    expect(await screen.findByRole('alert')).toHaveTextContent('评委码现为 8 位');
    expect(codeBoxes().flat().join('')).toBe('');
    await user.click(codeKeypad().getByRole('button', { name: '1' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('never takes the empty code a tablet holds for its judge as the code in the link', async () => {
    const db = freshDb();
    const { wang } = await seedJudgeRound(db);
    await bindJudge(db, wang.id);
    // The venue server sends tablets the judges without their codes.
    await db.judges.toCollection().modify({ joinCode: '' });
    const { user } = renderJudgePage(db, '/judge?code=');
    expect(await screen.findByText('请输入您的 8 位评委码')).toBeInTheDocument();
    await typeCode(user, wang.joinCode);
    expect(await screen.findByRole('alert')).toHaveTextContent(`没有找到评委码 ${wang.joinCode}`);
    await user.click(screen.getByRole('button', { name: '仍由 王评委 使用本平板' }));
    expect(await screen.findByRole('heading', { level: 1, name: '王评委' })).toBeInTheDocument();
  });
});
