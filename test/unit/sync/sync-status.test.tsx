// The sync status in the header and its panel (the refused list, the devices, the organizer's
// login over plain http); the judge's join QR code; a message for every refusal.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DatabaseProvider } from '../../../src/app/db-context';
import { useUiStore } from '../../../src/app/i18n/language';
import { passwordWouldTravelInClear } from '../../../src/app/sync/device-sync';
import { JoinQrCode } from '../../../src/app/sync/JoinQrCode';
import { InsecurePasswordNotice } from '../../../src/app/sync/SyncPanel';
import { SyncStatus } from '../../../src/app/sync/SyncStatus';
import type { LeitaiDB } from '../../../src/db/database';
import { SyncClient } from '../../../src/sync/client';
import { PROTOCOL_VERSION, type SessionInfo } from '../../../src/sync/protocol';
import { NOT_CONNECTED, type SyncStatus as Status } from '../../../src/sync/status';
import { readSession } from '../../../src/sync/sync-state';
import type { ApiCall, ApiReply, SyncTransport } from '../../../src/sync/transport';
import { deviceDb } from './helpers';

afterEach(() => {
  useUiStore.getState().setLang('zh-CN');
  vi.restoreAllMocks();
});

/** A client whose status the test sets. */
function fakeClient(status: Partial<Status>) {
  const full: Status = { ...NOT_CONNECTED, ...status };
  return {
    subscribe: () => () => {},
    getStatus: () => full,
    syncNow: async () => {},
  } as unknown as SyncClient;
}

const noTransport: SyncTransport = {
  call: () => Promise.reject(new Error('offline')),
  openLive: (_token, handlers) => {
    handlers.onClose();
    return { close() {} };
  },
};

function renderStatus(db: LeitaiDB, sync: Parameters<typeof SyncStatus>[0]['sync']) {
  return render(
    <DatabaseProvider db={db}>
      <SyncStatus sync={sync} />
    </DatabaseProvider>,
  );
}

const session: SessionInfo = {
  token: 't',
  role: 'judge',
  deviceId: 'd',
  judgeId: 'j',
  serverId: 's',
  expiresAt: '2026-11-24T09:00:00.000Z',
  deviceKey: null,
};

describe('SyncStatus', () => {
  it('says online, how many events wait, and the last contact', () => {
    const lastContact = new Date(2026, 10, 23, 9, 30, 5).getTime();
    renderStatus(deviceDb(), {
      client: fakeClient({ online: true, pending: 3, lastContact, session }),
      transport: noTransport,
    });
    const summary = screen.getByText('在线').closest('summary') as HTMLElement;
    expect(summary).toHaveTextContent('待发送 3 条');
    expect(summary).toHaveTextContent('最后联系 09:30:05');
  });

  it('says offline and synced in English too, and not connected without a session', () => {
    useUiStore.getState().setLang('en');
    const { unmount } = renderStatus(deviceDb(), { client: fakeClient({ session }), transport: noTransport });
    expect(screen.getByText('Offline')).toBeInTheDocument();
    expect(screen.getByText('Synced')).toBeInTheDocument();
    unmount();
    useUiStore.getState().setLang('zh-CN');
    renderStatus(deviceDb(), null);
    expect(screen.getByText('未连接场馆服务器')).toBeInTheDocument();
  });

  it('warns over plain http that the app cannot start offline, with the way to the tablet setup', () => {
    Object.defineProperty(window, 'isSecureContext', { value: false, configurable: true });
    renderStatus(deviceDb(), null);
    const note = screen.getByRole('note');
    expect(note).toHaveTextContent('本机无法离线使用评分系统');
    expect(within(note).getByRole('link', { name: '平板设置（安装场馆证书）' })).toHaveAttribute(
      'href',
      '/setup',
    );
    Reflect.deleteProperty(window, 'isSecureContext');
  });

  it('lets the organizer claim the server: empty fields and a wrong code are said next to them', async () => {
    const user = userEvent.setup();
    const db = deviceDb();
    const calls: ApiCall[] = [];
    const revoked = new Set(['tablet-2']);
    const reply = (call: ApiCall): ApiReply => {
      if (call.path === '/hello') {
        return {
          status: 200,
          body: {
            protocol: PROTOCOL_VERSION,
            minProtocol: 1,
            serverId: 's',
            claimed: false,
            head: 0,
            publicBaseUrl: null,
          },
        };
      }
      if (call.path === '/devices') {
        return {
          status: 200,
          body: {
            projectorCode: '87654321',
            devices: [
              { deviceId: 'd', role: 'organizer', judgeId: null, joinedAt: '', revoked: false },
              ...['tablet-1', 'tablet-2'].map((deviceId) => ({
                deviceId,
                role: 'judge',
                judgeId: null,
                joinedAt: '',
                revoked: revoked.has(deviceId),
              })),
            ],
          },
        };
      }
      if (call.path === '/devices/revoke' || call.path === '/devices/readmit') {
        const { deviceId } = call.body as { deviceId: string };
        if (call.path === '/devices/revoke') revoked.add(deviceId);
        else revoked.delete(deviceId);
        return { status: 200, body: call.path === '/devices/revoke' ? { revoked: 1 } : { readmitted: 1 } };
      }
      const { claimCode } = call.body as { claimCode: string };
      return claimCode === '12345678'
        ? { status: 200, body: { ...session, role: 'organizer', judgeId: null, token: 'organizer-token' } }
        : { status: 401, body: { error: { code: 'badClaimCode', message: 'wrong claim code' } } };
    };
    const transport: SyncTransport = {
      call: async (call) => {
        calls.push(call);
        return reply(call);
      },
      openLive: () => ({ close() {} }),
    };
    const client = new SyncClient({ db, transport });
    renderStatus(db, { client, transport });
    await user.click(screen.getByText('同步状态'));
    const button = await screen.findByRole('button', { name: '认领并登录' });
    await user.click(button);
    expect(screen.getAllByText('请填写此项')).toHaveLength(2);
    expect(calls.filter((call) => call.path === '/claim')).toHaveLength(0);

    await user.type(screen.getByLabelText('认领码（场馆服务器终端上显示的 8 位数字）'), '0000 0000');
    await user.type(screen.getByLabelText('设置组织者密码（至少 6 个字符）'), '擂台密码2026');
    await user.click(button);
    expect(await screen.findByRole('alert')).toHaveTextContent('认领码不正确');
    expect(await readSession(db)).toBeNull();

    await user.clear(screen.getByLabelText('认领码（场馆服务器终端上显示的 8 位数字）'));
    await user.type(screen.getByLabelText('认领码（场馆服务器终端上显示的 8 位数字）'), '1234 5678');
    await user.click(button);
    await waitFor(async () => expect((await readSession(db))?.token).toBe('organizer-token'));
    expect(calls.filter((call) => call.path === '/claim').at(-1)?.body).toMatchObject({
      claimCode: '12345678',
      password: '擂台密码2026',
    });
    await waitFor(() => expect(screen.getByText('本机身份：组织者')).toBeInTheDocument());
    expect(screen.getByRole('heading', { name: '导入设备记录' })).toBeInTheDocument();

    // The organizer sees the devices and the projector code, revokes a tablet, readmits another.
    expect(await screen.findByText('大屏加入码：87654321')).toBeInTheDocument();
    expect(screen.getByText(/组织者\s*（本机）/)).toBeInTheDocument();
    const devices = within(screen.getByRole('region', { name: '已加入的设备' }));
    const tabletRows = () => devices.getAllByText(/^评委/).map((row) => row.closest('li') as HTMLElement);
    expect(tabletRows().map((row) => row.textContent)).toEqual(['评委撤销', '评委 （已撤销）重新允许']);
    await user.click(devices.getByRole('button', { name: '撤销设备：评委' }));
    await waitFor(() =>
      expect(devices.getAllByRole('button', { name: '重新允许设备：评委' })).toHaveLength(2),
    );
    await user.click(devices.getAllByRole('button', { name: '重新允许设备：评委' })[1] as HTMLElement);
    await waitFor(() =>
      expect(tabletRows().map((row) => row.textContent)).toEqual(['评委 （已撤销）重新允许', '评委撤销']),
    );
    expect(
      calls.filter((call) => call.path.startsWith('/devices/')).map(({ path, body }) => [path, body]),
    ).toEqual([
      ['/devices/revoke', { deviceId: 'tablet-1' }],
      ['/devices/readmit', { deviceId: 'tablet-2' }],
    ]);
  });
});

describe('the organizer’s password over plain http', () => {
  it.each([
    ['http://192.168.1.10:5080/', true],
    ['http://leitai.local/', true],
    ['https://192.168.1.10:5443/', false],
    ['http://localhost:5080/', false],
    ['http://127.0.0.1:5080/', false],
    ['http://[::1]:5080/', false],
  ])('on %s would travel in clear: %s', (address, inClear) => {
    expect(passwordWouldTravelInClear(new URL(address))).toBe(inClear);
  });

  it('is not asked for: the page says why and links to the server’s https address', () => {
    const { unmount } = render(<InsecurePasswordNotice publicBaseUrl="https://192.168.1.10:5443" />);
    expect(screen.getByRole('note')).toHaveTextContent('这是普通连接（http）');
    expect(screen.getByRole('link', { name: '改用安全地址：https://192.168.1.10:5443' })).toHaveAttribute(
      'href',
      'https://192.168.1.10:5443',
    );
    expect(screen.queryByLabelText('组织者密码')).toBeNull();
    unmount();
    // A server without https: only its own computer will do.
    render(<InsecurePasswordNotice publicBaseUrl="http://192.168.1.10:5080" />);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByRole('note')).toHaveTextContent('请在场馆服务器电脑上打开本页登录。');
  });
});

describe('JoinQrCode', () => {
  it('draws the judge’s join link as an SVG QR code, named for screen readers', async () => {
    render(
      <DatabaseProvider db={deviceDb()}>
        <JoinQrCode code="123456" judgeName="王评委" baseUrl="https://192.168.1.10:5443" />
      </DatabaseProvider>,
    );
    const url = 'https://192.168.1.10:5443/judge?code=123456';
    expect(screen.getByText(url)).toBeInTheDocument();
    const image = screen.getByRole('img', { name: `评委 王评委 的加入二维码：${url}` });
    await waitFor(() => expect(image.querySelector('path')).not.toBeNull());
    // A version-3 code for this URL: 29 modules and the quiet zone.
    expect(image.getAttribute('viewBox')).toBe('-2 -2 33 33');
    expect(image.querySelector('path')?.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
  });
});
