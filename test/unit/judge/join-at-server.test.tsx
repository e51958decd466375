/**
 * Joining through the venue server: the tablet holds the judges without their codes (the server
 * shows codes to the organizer's device only), so the judge the server names is found by id.
 */

import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { deviceSync, disconnectDevice, joinAsJudge } from '../../../src/app/sync/device-sync';
import { readJudgeSession } from '../../../src/db/repository';
import { freshDb } from '../db/helpers';
import { renderJudgePage } from './render';
import { seedJudgeRound } from './seed';

vi.mock('../../../src/app/sync/device-sync', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/app/sync/device-sync')>()),
  deviceSync: vi.fn(),
  joinAsJudge: vi.fn(),
  disconnectDevice: vi.fn(),
}));

beforeEach(() => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
  vi.mocked(deviceSync).mockReturnValue({} as ReturnType<typeof deviceSync>);
  vi.mocked(joinAsJudge).mockReset();
  vi.mocked(disconnectDevice).mockReset();
});

const codeKeypad = () => within(screen.getByRole('group', { name: '评委码键盘' }));

/** The round as the venue server sends it to a tablet: every judge's code is ''. */
async function tabletRound() {
  const db = freshDb();
  const seeded = await seedJudgeRound(db);
  await db.judges.toCollection().modify({ joinCode: '' });
  vi.mocked(joinAsJudge).mockImplementation(async (code) => {
    if (code !== seeded.wang.joinCode) throw new Error(`unexpected code ${code}`);
    return { judgeId: seeded.wang.id, roundId: seeded.round.id };
  });
  return { db, ...seeded };
}

describe('joining at the venue server', () => {
  it('asks about the judge the server names, found by id, and binds on yes', async () => {
    const { db, wang } = await tabletRound();
    const { user } = renderJudgePage(db);
    await screen.findByText('请输入您的 8 位评委码');
    for (const digit of wang.joinCode) await user.click(codeKeypad().getByRole('button', { name: digit }));

    expect(await screen.findByText('您是 王评委（市委组织部）吗？')).toBeInTheDocument();
    expect(joinAsJudge).toHaveBeenCalledWith(wang.joinCode, db);
    await user.click(screen.getByRole('button', { name: '是我，开始评分' }));
    expect(await screen.findByRole('heading', { level: 1, name: '王评委' })).toBeInTheDocument();
    expect((await readJudgeSession(db))?.judgeId).toBe(wang.id);
    // No token was kept by the mock, so the yes asked for one with the typed code, not with ''.
    for (const [code] of vi.mocked(joinAsJudge).mock.calls) expect(code).toBe(wang.joinCode);
  });

  it('gives the token back on "not me"', async () => {
    const { db, wang } = await tabletRound();
    const { user } = renderJudgePage(db, `/judge?code=${wang.joinCode}`);
    await user.click(await screen.findByRole('button', { name: '不是我，重新输入' }));
    expect(disconnectDevice).toHaveBeenCalledWith(db);
    expect(await screen.findByText('请输入您的 8 位评委码')).toBeInTheDocument();
    expect(await readJudgeSession(db)).toBeUndefined();
  });
});
