// The judge's status bar says so when the venue server refused one of this tablet's records
// (a mark above a max the organizer lowered meanwhile): the host does not have that mark.
import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseProvider } from '../../../src/app/db-context';
import { StatusBar } from '../../../src/app/judge/StatusBar';
import { getDeviceId } from '../../../src/db/log';
import { enterMark } from '../../../src/db/marks';
import { settleOutbox } from '../../../src/db/remote';
import { createCompetition, createRound, importRoster } from '../../../src/db/repository';
import { SyncClient } from '../../../src/sync/client';
import { saveSession } from '../../../src/sync/sync-state';
import { freshDb, SECRETARY_SHEET } from '../db/helpers';
import { quietServer } from '../sync/fake-venue';

const clients: SyncClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.stop();
});

describe('the judge’s status bar', () => {
  it('counts the records the server refused, in the judge’s words', async () => {
    const db = freshDb();
    const competition = await createCompetition(db, { name: '擂台比武' });
    const round = await createRound(db, {
      competitionId: competition.id,
      name: '决赛',
      criteria: SECRETARY_SHEET,
    });
    const { judges, contestants } = await importRoster(db, round.id, {
      judges: [{ name: '王评委', title: '' }],
      contestants: [{ name: '张三', unit: null, topic: '' }],
    });
    const judge = judges[0];
    if (!judge) throw new Error('a judge expected');
    const cell = { roundId: round.id, judgeId: judge.id, contestantId: contestants[0]?.id as string };
    await enterMark(db, { ...cell, criterionId: 'content', value: 3550 });
    await saveSession(db, {
      token: 't',
      role: 'judge',
      deviceId: await getDeviceId(db),
      judgeId: judge.id,
      serverId: 's',
      expiresAt: '2026-11-24T09:00:00.000Z',
      deviceKey: null,
    });
    const [mark] = await db.events.where('type').equals('mark.set').toArray();
    const client = new SyncClient({ db, transport: quietServer });
    clients.push(client);
    await client.start();
    const view = (
      <DatabaseProvider db={db}>
        <StatusBar
          judge={judge}
          roundName="决赛"
          savedCount={1}
          draftCount={0}
          onSwitch={() => {}}
          sync={{ client, transport: quietServer }}
        />
      </DatabaseProvider>
    );
    const { rerender } = render(view);
    // The quiet server never opens its live socket: the tablet counts itself offline, nothing refused.
    expect(await screen.findByText('离线：0 条待发送，已存本机')).toBeInTheDocument();
    await settleOutbox(
      db,
      [],
      [
        {
          eventId: mark?.id as string,
          code: 'invalidMark',
          message: 'above max',
          path: null,
          refusedAt: '2026-11-23T09:20:00.000Z',
        },
      ],
    );
    rerender(view);
    await waitFor(() => expect(screen.getByText('1 条记录未被服务器接受，请找工作人员')).toBeInTheDocument());
  });
});
