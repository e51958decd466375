/** useLiveRead binds a query of the read model to the screen's database and ids, and stays live. */

import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DatabaseProvider } from '../../../src/app/db-context';
import { useLiveRead } from '../../../src/app/live-read';
import { contestantsOfRound, putContestant, roundById, updateRound } from '../../../src/db/repository';
import type { Id } from '../../../src/domain/model';
import { freshDb, seedRound } from '../db/helpers';

function RoundHeading({ roundId }: { roundId: Id }) {
  const round = useLiveRead(roundById, roundId);
  if (round === undefined) return <p>loading</p>;
  return <h1>{round?.name ?? 'no such round'}</h1>;
}

function ContestantNames({ roundId }: { roundId: Id }) {
  const contestants = useLiveRead(contestantsOfRound, roundId);
  return <p>{contestants?.map((contestant) => contestant.name).join(' ')}</p>;
}

describe('useLiveRead', () => {
  it('renders the query’s answer and again whenever a write changes it', async () => {
    const db = freshDb();
    const { round, contestants } = await seedRound(db);
    render(
      <DatabaseProvider db={db}>
        <RoundHeading roundId={round.id} />
        <ContestantNames roundId={round.id} />
      </DatabaseProvider>,
    );
    expect(await screen.findByRole('heading', { name: '市级决赛' })).toBeInTheDocument();
    expect(await screen.findByText('张三 李四 王五')).toBeInTheDocument();

    await updateRound(db, round.id, { name: '总决赛' });
    expect(await screen.findByRole('heading', { name: '总决赛' })).toBeInTheDocument();
    await putContestant(db, { id: contestants[0].id, roundId: round.id, name: '张三丰' });
    expect(await screen.findByText('张三丰 李四 王五')).toBeInTheDocument();
  });

  it('reads again for new ids', async () => {
    const db = freshDb();
    const { round } = await seedRound(db);
    const { rerender } = render(
      <DatabaseProvider db={db}>
        <RoundHeading roundId={round.id} />
      </DatabaseProvider>,
    );
    expect(await screen.findByRole('heading', { name: '市级决赛' })).toBeInTheDocument();
    rerender(
      <DatabaseProvider db={db}>
        <RoundHeading roundId="gone" />
      </DatabaseProvider>,
    );
    expect(await screen.findByRole('heading', { name: 'no such round' })).toBeInTheDocument();
  });
});
