// The sync panel's list of the events the venue server refused: each in words with the reason,
// counted in the header and the panel, exported as a file for the organizer, removable.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DatabaseProvider } from '../../../src/app/db-context';
import { SyncStatus } from '../../../src/app/sync/SyncStatus';
import type { LeitaiDB } from '../../../src/db/database';
import { getDeviceId } from '../../../src/db/log';
import { enterMark } from '../../../src/db/marks';
import { applyRemoteEvents, settleOutbox } from '../../../src/db/remote';
import { createCompetition, createRound, importRoster } from '../../../src/db/repository';
import type { LeitaiEvent } from '../../../src/domain/events';
import type { RoundRecord } from '../../../src/domain/records';
import { SyncClient } from '../../../src/sync/client';
import { parseDeviceLog, type RefusedEventsFile } from '../../../src/sync/device-log';
import { saveSession } from '../../../src/sync/sync-state';
import { freshDb, SECRETARY_SHEET } from '../db/helpers';
import { quietServer } from './fake-venue';

let downloads: { blob: Blob; fileName: string }[];
const clients: SyncClient[] = [];

beforeEach(() => {
  downloads = [];
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = vi.fn((blob: Blob) => {
    const url = `blob:download-${blobs.size}`;
    blobs.set(url, blob);
    return url;
  });
  URL.revokeObjectURL = vi.fn();
  // jsdom cannot navigate to a download: record what would have been saved instead.
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ blob: blobs.get(this.href) as Blob, fileName: this.download });
  });
});

afterEach(async () => {
  for (const client of clients.splice(0)) await client.stop();
  vi.restoreAllMocks();
});

/** 王评委's tablet, in the round where 张三 goes first; the judge marks 内容 35.5 and clears 形象风采. */
async function judgeTablet(db: LeitaiDB) {
  const competition = await createCompetition(db, { name: '村党组织书记擂台比武' });
  const round = await createRound(db, {
    competitionId: competition.id,
    name: '决赛',
    criteria: SECRETARY_SHEET,
  });
  const { judges, contestants } = await importRoster(db, round.id, {
    judges: [{ name: '王评委', title: '' }],
    contestants: [{ name: '张三', unit: '三工镇', topic: '强村富民', draw: 1 }],
  });
  const cell = {
    roundId: round.id,
    judgeId: judges[0]?.id as string,
    contestantId: contestants[0]?.id as string,
  };
  await enterMark(db, { ...cell, criterionId: 'content', value: 3550 });
  await enterMark(db, { ...cell, criterionId: 'presence', value: 1000 });
  await enterMark(db, { ...cell, criterionId: 'presence', value: null });
  await saveSession(db, {
    token: 't',
    role: 'judge',
    deviceId: await getDeviceId(db),
    judgeId: cell.judgeId,
    serverId: 's',
    expiresAt: '2026-11-24T09:00:00.000Z',
    deviceKey: null,
  });
  return round;
}

/** The organizer lowered 内容 to 30 on the laptop, and the edit has reached this tablet. */
function loweredContent(round: RoundRecord): LeitaiEvent {
  return {
    id: 'laptop-edit',
    deviceId: 'laptop',
    deviceSeq: 1,
    author: { role: 'organizer' },
    competitionId: round.competitionId,
    roundId: round.id,
    recordedAt: '2026-11-23T09:10:00.000Z',
    type: 'entity.put',
    payload: {
      table: 'rounds',
      entity: {
        ...round,
        criteria: round.criteria.map((criterion) =>
          criterion.id === 'content' ? { ...criterion, max: 3000 } : criterion,
        ),
      },
      revision: 2,
    },
  };
}

describe('the refused list', () => {
  it('says what each refused event was and why, counts them, exports them and lets one go', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    const round = await judgeTablet(db);
    const [content, , cleared] = await db.events.where('type').equals('mark.set').sortBy('deviceSeq');
    const refusedAt = '2026-11-23T09:20:00.000Z';
    await settleOutbox(
      db,
      [],
      [
        {
          eventId: content?.id as string,
          code: 'invalidMark',
          message: 'value above max',
          path: null,
          refusedAt,
        },
        {
          eventId: cleared?.id as string,
          code: 'forbiddenAuthor',
          message: 'not this judge',
          path: null,
          refusedAt,
        },
      ],
    );
    await applyRemoteEvents(db, [loweredContent(round)]);
    const client = new SyncClient({ db, transport: quietServer });
    clients.push(client);
    await client.start();
    render(
      <DatabaseProvider db={db}>
        <SyncStatus sync={{ client, transport: quietServer }} />
      </DatabaseProvider>,
    );

    const summary = screen.getByText('同步状态').closest('summary') as HTMLElement;
    await waitFor(() => expect(summary).toHaveTextContent('拒收 2 条'));
    await user.click(summary);
    expect(await screen.findByText('被服务器拒收：2 条')).toBeInTheDocument();
    const list = within(await screen.findByRole('region', { name: '被场馆服务器拒收的记录' }));
    expect(list.getAllByRole('listitem').map((item) => item.querySelector('span')?.textContent)).toEqual([
      '1号 张三 · 内容 · 35.5 — 分值超出该项满分（30）',
      '1号 张三 · 形象风采 · 清空 — 本机无权提交这条记录（不是本机评委的评分）。',
    ]);

    await user.click(list.getByRole('button', { name: '导出拒收清单' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    const { blob, fileName } = downloads[0] as { blob: Blob; fileName: string };
    expect(fileName).toMatch(/^leitai-refused-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.json$/);
    const text = await blob.text();
    // The organizer's laptop reads it as a device log; the reasons come with it.
    expect(parseDeviceLog(text).map((event) => event.id)).toEqual([content?.id, cleared?.id]);
    expect(
      (JSON.parse(text) as RefusedEventsFile).refusals.map(({ eventId, code }) => [eventId, code]),
    ).toEqual([
      [content?.id, 'invalidMark'],
      [cleared?.id, 'forbiddenAuthor'],
    ]);

    await user.click(list.getByRole('button', { name: '移除：1号 张三 · 内容 · 35.5' }));
    await waitFor(() => expect(list.getAllByRole('listitem')).toHaveLength(1));
    await waitFor(() => expect(summary).toHaveTextContent('拒收 1 条'));
    expect((await db.refused.toArray()).map((row) => row.eventId)).toEqual([cleared?.id]);
  });
});
