// Keeping this device's data: asking for persistent storage, telling an iPhone/iPad browser tab
// from the installed app, and what the screens say about it.
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/app/App';
import { DatabaseProvider } from '../../../src/app/db-context';
import { useUiStore } from '../../../src/app/i18n/language';
import { StorageStatus } from '../../../src/app/pwa/StorageStatus';
import {
  askPersistence,
  type BrowserLike,
  createPersistenceStore,
  devicePersistence,
  evictionRisk,
  isIosBrowserTab,
  type StorageManagerLike,
} from '../../../src/app/pwa/storage';
import { freshDb } from '../db/helpers';

function fakeStorage(answers: { persisted?: boolean; persist?: boolean | Error } = {}) {
  return {
    persisted: vi.fn(async () => answers.persisted ?? false),
    persist: vi.fn(async () => {
      if (answers.persist instanceof Error) throw answers.persist;
      return answers.persist ?? true;
    }),
  } satisfies StorageManagerLike;
}

const IPAD_SAFARI =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15';
const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';
const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

const browser = (overrides: Partial<BrowserLike>): BrowserLike => ({
  userAgent: ANDROID_CHROME,
  platform: 'Linux armv8l',
  maxTouchPoints: 5,
  displayModeStandalone: false,
  ...overrides,
});

describe('persistent storage', () => {
  it('asks only when not persisted already, and says what the browser answered', async () => {
    const kept = fakeStorage({ persisted: true });
    expect(await askPersistence(kept)).toBe('persisted');
    expect(kept.persist).not.toHaveBeenCalled();
    expect(await askPersistence(fakeStorage({ persist: true }))).toBe('persisted');
    expect(await askPersistence(fakeStorage({ persist: false }))).toBe('refused');
    expect(await askPersistence(fakeStorage({ persist: new Error('denied') }))).toBe('refused');
    expect(await askPersistence(undefined)).toBe('unavailable');
    expect(await askPersistence({} as StorageManagerLike)).toBe('unavailable');
  });

  it('asks once per page load, and again only when asked to after a refusal', async () => {
    const storage = fakeStorage({ persist: false });
    const store = createPersistenceStore(() => storage);
    const seen: string[] = [];
    store.subscribe(() => seen.push(store.get()));
    expect(store.get()).toBe('notAsked');
    await Promise.all([store.request(), store.request()]);
    expect(store.get()).toBe('refused');
    await store.request();
    expect(storage.persist).toHaveBeenCalledTimes(1);
    storage.persist.mockResolvedValueOnce(true);
    await store.request({ again: true });
    expect(store.get()).toBe('persisted');
    expect(seen).toEqual(['asking', 'refused', 'asking', 'persisted']);
  });

  it('tells an iPhone/iPad browser tab from the app opened from the home screen', () => {
    expect(isIosBrowserTab(browser({ userAgent: IPHONE_SAFARI, platform: 'iPhone' }))).toBe(true);
    // iPadOS says it is a Mac; a Mac with a touch screen is an iPad.
    expect(
      isIosBrowserTab(browser({ userAgent: IPAD_SAFARI, platform: 'MacIntel', maxTouchPoints: 5 })),
    ).toBe(true);
    expect(
      isIosBrowserTab(browser({ userAgent: IPAD_SAFARI, platform: 'MacIntel', maxTouchPoints: 0 })),
    ).toBe(false);
    expect(isIosBrowserTab(browser({ userAgent: IPHONE_SAFARI, platform: 'iPhone', standalone: true }))).toBe(
      false,
    );
    expect(
      isIosBrowserTab(
        browser({
          userAgent: IPAD_SAFARI,
          platform: 'MacIntel',
          maxTouchPoints: 5,
          displayModeStandalone: true,
        }),
      ),
    ).toBe(false);
    expect(isIosBrowserTab(browser({}))).toBe(false);
  });

  it('names the risk of eviction', () => {
    expect(evictionRisk('persisted', true)).toBe('iosTab');
    expect(evictionRisk('persisted', false)).toBeNull();
    expect(evictionRisk('refused', false)).toBe('notPersisted');
    expect(evictionRisk('unavailable', false)).toBe('notPersisted');
    expect(evictionRisk('notAsked', false)).toBeNull();
  });
});

describe('on screen', () => {
  const original = {
    userAgent: Object.getOwnPropertyDescriptor(window.navigator, 'userAgent'),
    platform: Object.getOwnPropertyDescriptor(window.navigator, 'platform'),
    maxTouchPoints: Object.getOwnPropertyDescriptor(window.navigator, 'maxTouchPoints'),
  };
  let storage: ReturnType<typeof fakeStorage>;

  beforeEach(() => {
    vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
    useUiStore.setState({ lang: 'zh-CN' });
    storage = fakeStorage({ persist: true });
    Object.defineProperty(window.navigator, 'storage', { value: storage, configurable: true });
  });

  afterEach(() => {
    Reflect.deleteProperty(window.navigator, 'storage');
    for (const [name, descriptor] of Object.entries(original)) {
      if (descriptor) Object.defineProperty(window.navigator, name, descriptor);
      else Reflect.deleteProperty(window.navigator, name);
    }
    vi.restoreAllMocks();
  });

  function pretendIpadSafari() {
    Object.defineProperty(window.navigator, 'userAgent', { value: IPAD_SAFARI, configurable: true });
    Object.defineProperty(window.navigator, 'platform', { value: 'MacIntel', configurable: true });
    Object.defineProperty(window.navigator, 'maxTouchPoints', { value: 5, configurable: true });
  }

  it('asks on the judge screen once the judge has joined, and the sync panel says the answer', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    window.history.replaceState(null, '', '/judge');
    render(
      <DatabaseProvider db={db}>
        <App />
      </DatabaseProvider>,
    );
    await screen.findByText('请输入您的 8 位评委码');
    expect(storage.persist).not.toHaveBeenCalled();
    expect(devicePersistence.get()).toBe('notAsked');

    await act(() =>
      db.judgeSession.put({
        key: 'self',
        judgeId: 'j',
        roundId: 'r',
        contestantId: null,
        followedCalls: {},
      }),
    );
    await vi.waitFor(() => expect(storage.persist).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(devicePersistence.get()).toBe('persisted'));
    // Not an iPhone/iPad tab: no banner.
    expect(screen.queryByRole('complementary', { name: '本机数据提醒' })).not.toBeInTheDocument();

    await user.click(screen.getByText('同步状态'));
    const section = (await screen.findByRole('heading', { name: '本机数据' })).closest(
      'section',
    ) as HTMLElement;
    expect(section).toHaveTextContent('浏览器已同意长期保存本机数据。');
    expect(within(section).queryByRole('button')).not.toBeInTheDocument();
  });

  it('warns an iPad browser tab about the 7-day rule from the first paint, and says what to do', () => {
    pretendIpadSafari();
    window.history.replaceState(null, '', '/organizer');
    render(
      <DatabaseProvider db={freshDb()}>
        <App />
      </DatabaseProvider>,
    );
    const banner = screen.getByRole('complementary', { name: '本机数据提醒' });
    expect(banner).toHaveTextContent('7 天未打开本站');
    expect(banner).toHaveTextContent('“分享”→“添加到主屏幕”');
  });

  it('shows no storage banner where no data is kept (the home page)', () => {
    pretendIpadSafari();
    window.history.replaceState(null, '', '/');
    render(
      <DatabaseProvider db={freshDb()}>
        <App />
      </DatabaseProvider>,
    );
    expect(screen.queryByRole('complementary', { name: '本机数据提醒' })).not.toBeInTheDocument();
  });

  it('after a refusal: the advice, and a way to ask again', async () => {
    const user = userEvent.setup();
    const refusing = fakeStorage({ persist: false });
    const store = createPersistenceStore(() => refusing);
    await store.request();
    render(<StorageStatus store={store} />);
    const section = screen.getByRole('region', { name: '本机数据' });
    expect(section).toHaveTextContent('浏览器没有同意长期保存本机数据');
    expect(section).toHaveTextContent('请安装本应用');
    refusing.persist.mockResolvedValue(true);
    await user.click(within(section).getByRole('button', { name: '申请长期保存' }));
    await vi.waitFor(() => expect(section).toHaveTextContent('浏览器已同意长期保存本机数据。'));
    expect(within(section).queryByRole('button')).not.toBeInTheDocument();
  });

  it('without a StorageManager (an insecure context): says it cannot, and what to do', async () => {
    const store = createPersistenceStore(() => undefined);
    await store.request();
    render(<StorageStatus store={store} />);
    const section = screen.getByRole('region', { name: '本机数据' });
    expect(section).toHaveTextContent('此浏览器不能长期保存本机数据');
    expect(section).toHaveTextContent('请安装本应用');
    expect(within(section).queryByRole('button')).not.toBeInTheDocument();
  });
});
