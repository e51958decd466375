/**
 * 抽签: the seed fixed when its fingerprint is first shown (and the same after a re-mount), the
 * seed after the draw, the order of drawOrder(seed), redraw and manual moves recorded; an order
 * already there (imported) is named as such and replaced only when the organizer confirms.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DrawPanel } from '../../../src/app/organizer/draw/DrawPanel';
import { importRoster, putContestant } from '../../../src/db/repository';
import { drawOrder, seedFingerprint } from '../../../src/domain/draw';
import type { LeitaiEvent } from '../../../src/domain/events';
import { freshDb, seedRound } from '../db/helpers';
import { renderWith } from './people-helpers';

async function setup() {
  const db = freshDb();
  const seeded = await seedRound(db);
  const user = userEvent.setup();
  const view = renderWith(db, <DrawPanel roundId={seeded.round.id} />);
  await screen.findByRole('heading', { name: '抽签 · 出场顺序' });
  return { db, user, view, ...seeded };
}

/** The short fingerprint on screen, once shown. */
async function shownFingerprint(): Promise<string> {
  const box = await screen.findByTestId('draw-fingerprint');
  return box.querySelector('.draw-fingerprint__short')?.textContent ?? '';
}

const grouped = (hex: string) => hex.match(/.{4}/g)?.join(' ');
/** The order on screen: each place with the contestant's name. */
const lineup = () =>
  within(screen.getByRole('list', { name: /出场顺序/ }))
    .getAllByRole('listitem')
    .map(
      (item) =>
        `${item.querySelector('.draw-lineup__place')?.textContent} ${item.querySelector('.draw-lineup__name')?.firstChild?.textContent}`,
    );

async function drawnOrder(db: Awaited<ReturnType<typeof setup>>['db'], roundId: string) {
  const contestants = await db.contestants.where('roundId').equals(roundId).toArray();
  return contestants
    .filter((contestant) => contestant.draw !== null)
    .sort((a, b) => (a.draw ?? 0) - (b.draw ?? 0))
    .map((contestant) => contestant.id);
}

describe('DrawPanel', () => {
  it('shows the fingerprint before the draw and the seed after, and records the order of that seed', async () => {
    const { db, user, round, contestants } = await setup();
    expect(lineup()).toEqual(['待排 张三', '待排 李四', '待排 王五']);
    expect(screen.queryByTestId('draw-fingerprint')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '固定种子并公布指纹' }));
    expect(await screen.findByTestId('draw-fingerprint')).toHaveTextContent('请记下或拍照：种子指纹');
    const before = await shownFingerprint();
    expect(before).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
    expect(screen.queryByTestId('draw-record')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '开始抽签' }));
    expect(await screen.findByText('抽签完成，已记录：3 位选手的出场顺序')).toHaveRole('status');
    const record = screen.getByTestId('draw-record');
    const seed = record.querySelector('.draw-record__seed')?.textContent ?? '';
    expect(seed).toMatch(/^[0-9a-f]{16}$/);
    expect(grouped(seedFingerprint(seed).slice(0, 16))).toBe(before);
    expect(record).toHaveTextContent(seedFingerprint(seed).match(/.{8}/g)?.join(' ') ?? 'missing');
    expect(record).toHaveTextContent('指纹 = SHA-256(种子)');

    const expected = drawOrder(
      contestants.map((contestant) => contestant.id),
      seed,
    );
    expect(await drawnOrder(db, round.id)).toEqual(expected);
    const byId = new Map(contestants.map((contestant) => [contestant.id, contestant.name]));
    await waitFor(() =>
      expect(lineup()).toEqual(expected.map((id, index) => `${index + 1} ${byId.get(id)}`)),
    );
    const events = await db.events.where('[roundId+type]').equals([round.id, 'draw.record']).toArray();
    expect(events.map((event) => event.payload)).toEqual([
      { seed, seedFingerprint: seedFingerprint(seed), order: expected },
    ]);
    const [commit] = await db.events.where('[roundId+type]').equals([round.id, 'draw.commit']).toArray();
    expect(commit?.payload).toEqual({ seed, seedFingerprint: seedFingerprint(seed) });

    await user.click(screen.getByRole('button', { name: '用种子重算核对' }));
    expect(screen.getByText('核对一致：指纹相符，用同一种子重算得出同样的顺序。')).toBeInTheDocument();
    // A new draw needs preparing, and a new seed with its own fingerprint, shown before it.
    expect(screen.queryByTestId('draw-fingerprint')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '准备重新抽签' }));
    await user.click(screen.getByRole('button', { name: '固定种子并公布指纹' }));
    expect(await shownFingerprint()).not.toBe(before);
  });

  it('draws with a seed agreed in the room, leaving out withdrawn contestants', async () => {
    const { db, user, round, contestants } = await setup();
    await putContestant(db, { id: contestants[1].id, roundId: round.id, status: 'withdrawn' });
    await user.click(screen.getByRole('radio', { name: '使用现场约定的种子' }));
    expect(screen.getByRole('button', { name: '固定种子并公布指纹' })).toBeDisabled();
    await user.type(screen.getByRole('textbox', { name: '现场约定的种子' }), ' 2026 擂台 ');
    await user.click(screen.getByRole('button', { name: '固定种子并公布指纹' }));
    const fingerprint = seedFingerprint('2026 擂台');
    expect(await screen.findByTestId('draw-fingerprint')).toHaveTextContent(
      grouped(fingerprint.slice(0, 16)) ?? 'missing',
    );
    await user.click(screen.getByRole('button', { name: '开始抽签' }));
    await screen.findByText('抽签完成，已记录：2 位选手的出场顺序');

    expect(await drawnOrder(db, round.id)).toEqual(
      drawOrder([contestants[0].id, contestants[2].id], '2026 擂台'),
    );
    expect((await db.contestants.get(contestants[1].id))?.draw).toBeNull();
    expect(screen.getByText('不参加抽签、没有出场顺序：李四（弃权）')).toBeInTheDocument();
    expect(screen.getByTestId('draw-record')).toHaveTextContent('2026 擂台');
  });

  it('asks before drawing again, and records both draws', async () => {
    const { db, user, round } = await setup();
    await user.click(screen.getByRole('button', { name: '固定种子并公布指纹' }));
    const firstFingerprint = await shownFingerprint();
    await user.click(screen.getByRole('button', { name: '开始抽签' }));
    await screen.findByTestId('draw-record');
    const first = await drawnOrder(db, round.id);

    await user.click(screen.getByRole('button', { name: '准备重新抽签' }));
    await user.click(screen.getByRole('button', { name: '固定种子并公布指纹' }));
    const secondFingerprint = await shownFingerprint();
    expect(secondFingerprint).not.toBe(firstFingerprint);
    await user.click(screen.getByRole('button', { name: '重新抽签' }));
    const dialog = screen.getByRole('alertdialog', { name: '重新抽签？' });
    expect(dialog).toHaveTextContent('重新抽签将替换当前出场顺序；上一次抽签仍保留在记录中');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(await db.events.where('[roundId+type]').equals([round.id, 'draw.record']).count()).toBe(1);

    await user.click(screen.getByRole('button', { name: '重新抽签' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: '确认重新抽签' }));
    await waitFor(async () =>
      expect(await db.events.where('[roundId+type]').equals([round.id, 'draw.record']).count()).toBe(2),
    );
    const draws = (await db.events
      .where('[roundId+type]')
      .equals([round.id, 'draw.record'])
      .sortBy('deviceSeq')) as LeitaiEvent<'draw.record'>[];
    expect(draws[0]?.payload.order).toEqual(first);
    expect(draws[0]?.payload.seed).not.toBe(draws[1]?.payload.seed);
    // The re-draw used the seed of the second fingerprint shown.
    expect(grouped(draws[1]?.payload.seedFingerprint.slice(0, 16) ?? '')).toBe(secondFingerprint);
    expect(await drawnOrder(db, round.id)).toEqual(draws[1]?.payload.order);
    const history = screen.getByRole('heading', { name: '抽签与调整记录' }).parentElement as HTMLElement;
    await waitFor(() =>
      expect(
        within(history)
          .getAllByRole('listitem')
          .map((item) => item.textContent?.replace(/^.*?\d\s/, '')),
      ).toEqual([
        `公布种子指纹 ${firstFingerprint}`,
        `抽签（指纹 ${firstFingerprint}，3 位选手）`,
        `公布种子指纹 ${secondFingerprint}`,
        `抽签（指纹 ${secondFingerprint}，3 位选手）`,
      ]),
    );
  });

  it('records a manual move after the draw, and says so', async () => {
    const { db, user, round, contestants } = await setup();
    await user.click(screen.getByRole('button', { name: '固定种子并公布指纹' }));
    await user.click(await screen.findByRole('button', { name: '开始抽签' }));
    await screen.findByTestId('draw-record');
    const drawn = await drawnOrder(db, round.id);
    const firstName = contestants.find((contestant) => contestant.id === drawn[0])?.name ?? '';
    expect(screen.getByRole('button', { name: `上移 ${firstName}` })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: `下移 ${firstName}` }));
    expect(await screen.findByText(`已将 ${firstName} 移到第 2 位（已记录手动调整）`)).toBeInTheDocument();
    expect(await drawnOrder(db, round.id)).toEqual([drawn[1], drawn[0], drawn[2]]);
    const manual = await db.events.where('[roundId+type]').equals([round.id, 'order.manual']).toArray();
    expect(manual.map((event) => event.payload)).toEqual([{ order: [drawn[1], drawn[0], drawn[2]] }]);
    expect(screen.getByText('抽签后手动调整过 1 次，当前顺序以调整后为准。')).toBeInTheDocument();
    expect(screen.getByText('手动调整出场顺序')).toBeInTheDocument();
  });

  it('shows the same fingerprint after a re-mount (a reload, leaving the tab) and draws with its seed', async () => {
    const { db, user, view, round, contestants } = await setup();
    await user.click(screen.getByRole('button', { name: '固定种子并公布指纹' }));
    const shown = await shownFingerprint();
    view.unmount();

    for (let visit = 0; visit < 2; visit++) {
      const again = renderWith(db, <DrawPanel roundId={round.id} />);
      expect(await shownFingerprint()).toBe(shown);
      again.unmount();
    }
    expect(await db.events.where('[roundId+type]').equals([round.id, 'draw.commit']).count()).toBe(1);

    renderWith(db, <DrawPanel roundId={round.id} />);
    expect(await shownFingerprint()).toBe(shown);
    await user.click(screen.getByRole('button', { name: '开始抽签' }));
    const record = await screen.findByTestId('draw-record');
    const seed = record.querySelector('.draw-record__seed')?.textContent ?? '';
    expect(grouped(seedFingerprint(seed).slice(0, 16))).toBe(shown);
    expect(await drawnOrder(db, round.id)).toEqual(
      drawOrder(
        contestants.map((contestant) => contestant.id),
        seed,
      ),
    );
  });

  it('does not call a list without places an order, names an imported one, and asks before the draw replaces it', async () => {
    const db = freshDb();
    const { round } = await seedRound(db);
    await importRoster(db, round.id, {
      contestants: [
        { name: '沙哈提别克', unit: '庙尔沟乡', draw: 2 },
        { name: '潘金永', unit: '三工镇', draw: 1 },
      ],
    });
    const user = userEvent.setup();
    renderWith(db, <DrawPanel roundId={round.id} />);
    expect(await screen.findByRole('list', { name: '出场顺序（导入，尚未抽签）' })).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: '当前出场顺序' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '固定种子并公布指纹' }));
    await user.click(await screen.findByRole('button', { name: '开始抽签' }));
    const dialog = screen.getByRole('alertdialog', { name: '替换现有出场顺序？' });
    expect(dialog).toHaveTextContent('本轮已有出场顺序（导入或手动排定）');
    await user.keyboard('{Escape}');
    expect(await db.events.where('[roundId+type]').equals([round.id, 'draw.record']).count()).toBe(0);
    expect(
      (await db.contestants.where('roundId').equals(round.id).toArray()).map((c) => c.draw).sort(),
    ).toEqual([1, 2, null, null, null]);

    await user.click(screen.getByRole('button', { name: '开始抽签' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: '确认抽签' }));
    expect(await screen.findByRole('list', { name: '当前出场顺序' })).toBeInTheDocument();
    expect(await db.events.where('[roundId+type]').equals([round.id, 'draw.record']).count()).toBe(1);
  });

  it('before any order, heads the list as contestants without places', async () => {
    await setup();
    expect(screen.getByRole('list', { name: '选手名单（尚未排出场顺序）' })).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: '当前出场顺序' })).not.toBeInTheDocument();
  });
});
