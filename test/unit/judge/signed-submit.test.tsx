/**
 * Submitting on the tablet signs the sheet with the judge's key where WebCrypto exists; where it
 * does not (a page over plain http), the submit dialog says clearly that the sheet goes unsigned.
 */

import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LeitaiEvent } from '../../../src/domain/events';
import { freshDb } from '../db/helpers';
import { keypad, renderBoundJudge, typeOnKeypad } from './render';
import { seedJudgeRound } from './seed';

beforeEach(() => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
});

afterEach(() => {
  vi.unstubAllGlobals();
});

async function submitWholeSheet() {
  const db = freshDb();
  const seeded = await seedJudgeRound(db);
  const { user } = await renderBoundJudge(db, seeded.wang.id, seeded.lisi.id);
  for (const value of ['38', '13.5', '18', '12', '9']) {
    await typeOnKeypad(user, value);
    await user.click(keypad().getByRole('button', { name: /确定/ }));
  }
  await waitFor(() => expect(document.querySelector('.judge-total__value')?.textContent).toBe('90.50'));
  await user.click(screen.getByRole('button', { name: '提交评分表' }));
  const dialog = await screen.findByRole('dialog', { name: '确认提交：1 号 李四' });
  return { db, user, dialog };
}

describe('submitting a sheet', () => {
  it('signs it with the judge’s key, registered in the log', async () => {
    const { db, user, dialog } = await submitWholeSheet();
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: '确认提交' }));
    expect(await screen.findByText('已提交，评分表已锁定')).toBeInTheDocument();
    const events: LeitaiEvent[] = await db.events.toArray();
    const register = events.find((event) => event.type === 'judge.key.register');
    const submit = events.find((event) => event.type === 'sheet.submit') as LeitaiEvent<'sheet.submit'>;
    expect(submit.payload.signature?.keyFingerprint).toBe(
      (register as LeitaiEvent<'judge.key.register'>).payload.fingerprint,
    );
    expect(submit.payload.signature?.marks).toContainEqual({ criterionId: 'content', value: 3800 });
  });

  it('says clearly that the sheet goes unsigned where WebCrypto is missing, and still submits it', async () => {
    vi.stubGlobal('crypto', { getRandomValues: crypto.getRandomValues.bind(crypto) });
    const { db, user, dialog } = await submitWholeSheet();
    expect(within(dialog).getByRole('alert')).toHaveTextContent('本平板无法签名');
    await user.click(within(dialog).getByRole('button', { name: '确认提交' }));
    expect(await screen.findByText('已提交，评分表已锁定')).toBeInTheDocument();
    const submit = (await db.events.toArray()).find((event) => event.type === 'sheet.submit');
    expect(submit?.payload).not.toHaveProperty('signature');
  });
});
