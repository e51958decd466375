// @vitest-environment jsdom
/**
 * The judges' signatures on the host console: every sheet signed shows "3/3 已签名" and
 * 评委签名齐全, which the reveal records, the readout ends with and the projector shows under the
 * score; a mark changed after signing (as a sync would bring it) is flagged on the judge's row and
 * named before the reveal, which then needs the host's reason and says nothing of signatures.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyRemoteEvents } from '../../../src/db/remote';
import { callContestant, enterMark } from '../../../src/db/repository';
import { submitSignedSheet } from '../../../src/db/signed-submit';
import type { LeitaiEvent } from '../../../src/domain/events';
import { freshDb, SECRETARY_SHEET } from '../db/helpers';
import { renderHost, renderProjector, seedStageRound } from './stage-helpers';

const panel = () => screen.getByRole('region', { name: '评委评分进度' });
const judgeRow = (name: string) => within(panel()).getByText(name).closest('li') as HTMLElement;
const revealCard = () => screen.getByRole('region', { name: '公布成绩' });
// The reveal panel is a lazy part of the console: the first look waits for it.
const findRevealCard = () => screen.findByRole('region', { name: '公布成绩' }, { timeout: 10_000 });
/** Generous waits: the console's parts load on demand and WebCrypto verifies on a loaded machine. */
const LOADED = { timeout: 5000 };
/** The reveal card and the panel, once their lazy parts have loaded. */
async function consoleLoaded(): Promise<void> {
  await screen.findByRole('region', { name: '评委评分进度' }, LOADED);
  await screen.findByRole('region', { name: '公布成绩' }, LOADED);
}

async function signedRound() {
  const db = freshDb();
  const stage = await seedStageRound(db);
  const lisi = stage.contestants[1];
  await callContestant(db, { roundId: stage.round.id, contestantId: lisi.id });
  for (const [index, judge] of stage.judges.entries()) {
    const sheet = { roundId: stage.round.id, judgeId: judge.id, contestantId: lisi.id };
    for (const criterion of SECRETARY_SHEET) {
      await enterMark(db, {
        ...sheet,
        criterionId: criterion.id,
        value: (criterion.max * (90 - index * 10)) / 100,
      });
    }
    await submitSignedSheet(db, sheet, globalThis.crypto.subtle);
  }
  return { db, ...stage, lisi };
}

/** The projector after the host's reveal, shown whole (reduced motion), as it reads the log. */
async function projectorLine(db: Awaited<ReturnType<typeof signedRound>>['db'], roundId: string) {
  cleanup();
  const { container } = renderProjector(db, roundId);
  await waitFor(() => expect(container.querySelector('.pj-final--shown')).not.toBeNull(), LOADED);
  return container.querySelector('.pj-final__signed');
}

describe('signatures on the host console', () => {
  beforeEach(() => {
    // The projector's reveal shown at once, as for a screen that asks for reduced motion.
    vi.stubGlobal(
      'matchMedia',
      vi.fn((query: string) => ({
        matches: query === '(prefers-reduced-motion: reduce)',
        addEventListener: () => {},
        removeEventListener: () => {},
      })),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows every sheet signed, and 评委签名齐全 before the reveal', async () => {
    const { db, round } = await signedRound();
    renderHost(db, round.id);
    await consoleLoaded();
    await within(panel()).findByText('3/3 已签名', {}, LOADED);
    await within(await findRevealCard()).findByText('评委签名齐全。', {}, LOADED);
    expect(within(panel()).queryByText('签名后被改动')).not.toBeInTheDocument();
  });

  it('records 评委签名齐全 with the reveal: the readout ends with it, the projector shows it under the score', async () => {
    const { db, round } = await signedRound();
    const { user } = renderHost(db, round.id);
    await consoleLoaded();
    await within(panel()).findByText('3/3 已签名', {}, LOADED);
    await within(await findRevealCard()).findByText('评委签名齐全。', {}, LOADED);
    await user.click(within(revealCard()).getByRole('button', { name: '公布成绩' }));
    const dialog = await screen.findByRole('dialog', { name: /公布 2号 李四 的成绩/ }, LOADED);
    await user.click(within(dialog).getByRole('button', { name: '确认公布' }));
    await within(await findRevealCard()).findByText('请宣读', {}, LOADED);
    const sentence = revealCard().querySelector('.host-readout__sentence');
    expect(sentence?.textContent).toMatch(
      /^去掉一个最高分.*最后得分80\.00分，目前排名第1名。评委签名齐全。$/,
    );
    const lock = (await db.events.toArray()).find((event) => event.type === 'contestant.lock');
    expect((lock as LeitaiEvent<'contestant.lock'>).payload.allSigned).toBe(true);

    const line = await projectorLine(db, round.id);
    expect(line).toHaveTextContent('评委签名齐全');
    // Under the score, in the final's block: it appears with the score, never before it.
    expect(line?.closest('.pj-final')?.querySelector('.pj-final__score')).toHaveTextContent('80.00');
  });

  it('flags a mark changed after signing and names it before the reveal, which then needs a reason', async () => {
    const { db, round, judges, lisi } = await signedRound();
    const signedMark = (await db.events.toArray()).find(
      (event): event is LeitaiEvent<'mark.set'> =>
        event.type === 'mark.set' &&
        event.payload.judgeId === judges[1].id &&
        event.payload.contestantId === lisi.id,
    ) as LeitaiEvent<'mark.set'>;
    await applyRemoteEvents(db, [
      {
        ...signedMark,
        id: 'forged-after-signing',
        deviceId: 'another-device',
        deviceSeq: 1,
        payload: { ...signedMark.payload, value: (signedMark.payload.value ?? 0) + 100, revision: 2 },
      },
    ]);
    const { user } = renderHost(db, round.id);
    await consoleLoaded();
    await within(panel()).findByText('2/3 已签名', {}, LOADED);
    expect(judgeRow('李评委')).toHaveTextContent('签名后被改动');
    const named = '李评委 的评分表签名之后分数被改动：现在的分数不是评委签名的分数。';
    expect(within(revealCard()).getByText(named)).toBeInTheDocument();
    expect(within(revealCard()).queryByText('评委签名齐全。')).not.toBeInTheDocument();

    await user.click(within(revealCard()).getByRole('button', { name: '公布成绩' }));
    const dialog = await screen.findByRole('dialog', { name: /公布 2号 李四 的成绩/ }, LOADED);
    expect(within(dialog).getByText(named)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: '确认公布' }));
    expect(within(dialog).getByRole('alert')).toBeInTheDocument();
    expect((await db.events.toArray()).some((event) => event.type === 'contestant.lock')).toBe(false);

    await user.type(within(dialog).getByRole('textbox'), '已当面核实李评委的改分');
    await user.click(within(dialog).getByRole('button', { name: '确认公布' }));
    await within(await findRevealCard()).findByText('请宣读', {}, LOADED);
    const lock = (await db.events.toArray()).find((event) => event.type === 'contestant.lock');
    expect((lock as LeitaiEvent<'contestant.lock'>).payload.override?.reason).toBe('已当面核实李评委的改分');
    // A signature that no longer holds: neither the readout nor the projector says 齐全.
    expect(revealCard().querySelector('.host-readout__sentence')?.textContent).not.toContain('签名');
    expect((lock as LeitaiEvent<'contestant.lock'>).payload.allSigned).toBeUndefined();
    expect(await projectorLine(db, round.id)).toBeNull();
  });
});
