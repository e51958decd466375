/**
 * 暂定 on the results page and the certificates (issue 12, finding 3): a round with contestants
 * still unrevealed says so; the organizer closes it (结束本轮，成绩定稿) or reopens it behind a
 * confirmation; certificates of a provisional round print only after 仍要打印（暂定）, each
 * marked 暂定; every certificate carries the issuer (落款) and the date.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DatabaseProvider } from '../../../src/app/db-context';
import { useUiStore } from '../../../src/app/i18n/language';
import { PrintView } from '../../../src/app/results/PrintView';
import { resultsHref } from '../../../src/app/results/place';
import ResultsPage from '../../../src/app/results/ResultsPage';
import type { LeitaiDB } from '../../../src/db/database';
import { because, fieldOf } from '../../../src/db/errors';
import { editCompetition, revealContestant } from '../../../src/db/repository';
import { freshDb } from '../db/helpers';
import { meanRound } from './mean-round';

const WAIT = { timeout: 10_000 };

beforeEach(() => {
  useUiStore.setState({ lang: 'zh-CN' });
  vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
});

/** Three contestants scored 90, 80, 70 by two judges; `revealed` of them revealed, in that order. */
async function scoredRound(db: LeitaiDB, revealed: number) {
  const { competition, round, contestants } = await meanRound(db, {
    competition: { name: '2026年演讲比赛', date: '2026-06-18', issuer: '中共昌吉市委组织部' },
    settings: {
      decimals: 2,
      tieBreak: [],
      awards: [
        { name: '一等奖', count: 1 },
        { name: '二等奖', rest: true },
      ],
    },
    judges: ['甲', '乙'],
    contestants: ['赵一', '钱二', '孙三'],
    mark: (at) => 9000 - at * 1000,
  });
  for (const contestant of contestants.slice(0, revealed)) {
    await revealContestant(db, { roundId: round.id, contestantId: contestant.id });
  }
  return { competition, round };
}

function renderWith(db: LeitaiDB, element: React.ReactNode, address: string) {
  window.history.replaceState(null, '', address);
  return render(<DatabaseProvider db={db}>{element}</DatabaseProvider>);
}

describe('the results page while provisional', () => {
  it('says 暂定 with how many are revealed, and closes and reopens the round behind a confirmation', async () => {
    const db = freshDb();
    const { competition, round } = await scoredRound(db, 1);
    const user = userEvent.setup();
    renderWith(db, <ResultsPage />, resultsHref({ competitionId: competition.id, roundId: round.id }));
    const closure = await screen.findByRole('region', { name: '成绩是否定稿' }, WAIT);
    expect(closure).toHaveTextContent('成绩暂定：已公布 1/3 位选手');

    await user.click(within(closure).getByRole('button', { name: '结束本轮，成绩定稿' }));
    expect(closure).toHaveTextContent('还有 2 位选手未公布');
    await user.click(within(closure).getByRole('button', { name: '取消' }));
    expect(closure).toHaveTextContent('成绩暂定');

    await user.click(within(closure).getByRole('button', { name: '结束本轮，成绩定稿' }));
    await user.click(within(closure).getByRole('button', { name: '确认结束本轮' }));
    expect(await within(closure).findByText('成绩已定稿：组织者已结束本轮。', {}, WAIT)).toBeInTheDocument();

    await user.click(within(closure).getByRole('button', { name: '撤销定稿' }));
    await user.click(within(closure).getByRole('button', { name: '确认撤销定稿' }));
    expect(await within(closure).findByText(/成绩暂定：已公布 1\/3 位选手/, {}, WAIT)).toBeInTheDocument();
  });

  it('says the results are final once every contestant is revealed, with nothing to close', async () => {
    const db = freshDb();
    const { competition, round } = await scoredRound(db, 3);
    renderWith(db, <ResultsPage />, resultsHref({ competitionId: competition.id, roundId: round.id }));
    expect(await screen.findByText('成绩已定稿：本轮选手已全部公布。', {}, WAIT)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '结束本轮，成绩定稿' })).toBeNull();
  });
});

describe('certificates', () => {
  it('of a provisional round are held back with a warning until 仍要打印（暂定）, then each says 暂定', async () => {
    const db = freshDb();
    const { competition, round } = await scoredRound(db, 1);
    const user = userEvent.setup();
    const address = resultsHref({
      competitionId: competition.id,
      roundId: round.id,
      print: ['certificates'],
    });
    renderWith(
      db,
      <PrintView competitionId={competition.id} roundId={round.id} documents={['certificates']} />,
      address,
    );
    const warning = await screen.findByRole('alert', {}, WAIT);
    expect(warning).toHaveTextContent('成绩暂定：本轮只公布了 1/3 位选手');
    expect(screen.queryAllByRole('article')).toHaveLength(0);
    expect(screen.getByRole('button', { name: '打印' })).toBeDisabled();

    await user.click(within(warning).getByRole('button', { name: '仍要打印（暂定）' }));
    const certificates = await screen.findAllByRole('article', {}, WAIT);
    expect(certificates).toHaveLength(3);
    for (const certificate of certificates) {
      expect(within(certificate).getByText('暂定')).toBeInTheDocument();
      expect(within(certificate).getByText('中共昌吉市委组织部')).toBeInTheDocument();
      expect(within(certificate).getByText('2026年6月18日')).toBeInTheDocument();
    }
    expect(screen.getByRole('button', { name: '打印' })).toBeEnabled();
  });

  it('of a complete round print at once, without 暂定, signed by the issuer', async () => {
    const db = freshDb();
    const { competition, round } = await scoredRound(db, 3);
    renderWith(
      db,
      <PrintView competitionId={competition.id} roundId={round.id} documents={['certificates']} />,
      resultsHref({ competitionId: competition.id, roundId: round.id, print: ['certificates'] }),
    );
    const certificates = await screen.findAllByRole('article', {}, WAIT);
    expect(certificates.map((certificate) => certificate.getAttribute('aria-label'))).toEqual([
      '赵一的奖状',
      '钱二的奖状',
      '孙三的奖状',
    ]);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByText('暂定')).toBeNull();
    expect(within(certificates[0] as HTMLElement).getByText('中共昌吉市委组织部')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '打印' })).toBeEnabled();
  });
});

describe('the issuer (落款)', () => {
  it('is kept, changed and cleared with the competition’s details, and a too-long one is refused by name', async () => {
    const db = freshDb();
    const { competition } = await scoredRound(db, 0);
    expect(competition.issuer).toBe('中共昌吉市委组织部');
    expect((await editCompetition(db, competition.id, { name: competition.name })).issuer).toBe(
      '中共昌吉市委组织部',
    );
    expect(
      (await editCompetition(db, competition.id, { name: competition.name, issuer: '昌吉市总工会' })).issuer,
    ).toBe('昌吉市总工会');
    await expect(
      editCompetition(db, competition.id, { name: competition.name, issuer: '会'.repeat(101) }),
    ).rejects.toMatchObject({ reason: because('textTooLong', { field: fieldOf('issuer'), max: 100 }) });
    expect((await db.competitions.get(competition.id))?.issuer).toBe('昌吉市总工会');
    expect(
      'issuer' in ((await editCompetition(db, competition.id, { name: competition.name, issuer: '' })) ?? {}),
    ).toBe(false);
  });
});
