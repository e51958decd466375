/**
 * Before a device connects to the venue server (issue 12, finding 9): the home page says so and
 * opens the connect step, and the header no longer says 已同步 for a device that never synced.
 */
import { render, screen, waitForElementToBeRemoved, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { DatabaseProvider } from '../../../src/app/db-context';
import HomePage from '../../../src/app/home/HomePage';
import { useUiStore } from '../../../src/app/i18n/language';
import { RoundPicker } from '../../../src/app/results/RoundPicker';
import { SyncStatus } from '../../../src/app/sync/SyncStatus';
import type { LeitaiDB } from '../../../src/db/database';
import { syncStateTable } from '../../../src/sync/sync-state';
import { freshDb } from '../db/helpers';

beforeEach(() => {
  useUiStore.setState({ lang: 'zh-CN' });
});

function renderHome(db: LeitaiDB) {
  return render(
    <DatabaseProvider db={db}>
      <header>
        <SyncStatus sync={null} />
      </header>
      <HomePage />
    </DatabaseProvider>,
  );
}

describe('the home page before the device connects', () => {
  it('says the device is not connected, what each role does, and opens the connect step', async () => {
    const user = userEvent.setup();
    renderHome(freshDb());
    const notice = await screen.findByRole('region', { name: '本设备尚未连接场馆服务器' });
    expect(notice).toHaveTextContent('认领码');
    expect(notice).toHaveTextContent('8 位评委码');
    expect(notice).toHaveTextContent('大屏码');
    const status = document.querySelector('details.sync-status') as HTMLDetailsElement;
    expect(status.open).toBe(false);
    await user.click(within(notice).getByRole('button', { name: '连接场馆服务器' }));
    expect(status.open).toBe(true);
    expect(document.activeElement).toBe(status.querySelector('summary'));
  });

  it('does not say 已同步 in the header of a device that has never connected', () => {
    renderHome(freshDb());
    const summary = screen.getByText('未连接场馆服务器').closest('summary') as HTMLElement;
    expect(summary).toHaveTextContent('仅存本机');
    expect(summary).not.toHaveTextContent('已同步');
  });

  it('takes the notice away once the device has connected', async () => {
    const db = freshDb();
    renderHome(db);
    const notice = await screen.findByRole('region', { name: '本设备尚未连接场馆服务器' });
    await syncStateTable(db).put({
      key: 'session',
      session: {
        token: 't',
        role: 'judge',
        deviceId: 'tablet',
        judgeId: 'j1',
        serverId: 's',
        expiresAt: '2026-06-19T10:00:00.000Z',
        deviceKey: null,
      },
    });
    await waitForElementToBeRemoved(notice);
  });
});

describe('the results screen of a device with no competitions', () => {
  it('says that nothing has come from the venue server because the device has not connected', async () => {
    render(
      <DatabaseProvider db={freshDb()}>
        <RoundPicker competitionId={null} roundId={null} />
      </DatabaseProvider>,
    );
    const hint = await screen.findByText(
      /本设备尚未连接场馆服务器：连接后，场馆服务器上的赛事会同步到这里。/,
    );
    expect(within(hint).getByRole('button', { name: '连接场馆服务器' })).toBeInTheDocument();
  });
});
