// Prompt-mode updates: the updater (registration, periodic checks, switching on consent) and the
// banner, which appears only at a safe moment (no unconfirmed mark, nothing waiting to be sent)
// and never on the projector.
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/app/App';
import { DatabaseProvider } from '../../../src/app/db-context';
import { useUiStore } from '../../../src/app/i18n/language';
import { createUpdater, UPDATE_CHECK_INTERVAL_MS, type WorkboxLike } from '../../../src/app/pwa/updater';
import type { LeitaiDB } from '../../../src/db/database';
import { freshDb } from '../db/helpers';

function fakeWorkbox() {
  const listeners: Record<string, (() => void)[]> = {};
  const wb = {
    addEventListener(type: string, listener: () => void) {
      listeners[type] = [...(listeners[type] ?? []), listener];
    },
    register: vi.fn(async () => undefined),
    update: vi.fn(async () => undefined),
    messageSkipWaiting: vi.fn(),
    emit(type: string) {
      for (const listener of listeners[type] ?? []) listener();
    },
  } satisfies WorkboxLike & { emit(type: string): void };
  return wb;
}

function fakePage(visible = true) {
  const shown: (() => void)[] = [];
  return {
    visible,
    isVisible() {
      return this.visible;
    },
    onVisible: (listener: () => void) => shown.push(listener),
    show() {
      this.visible = true;
      for (const listener of shown) listener();
    },
  };
}

/** Lets the updater's promise chain (loading workbox, register) settle. */
const settle = () => act(async () => {});

beforeEach(() => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
  useUiStore.setState({ lang: 'zh-CN' });
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('updater', () => {
  it('registers, waits for consent, and reloads once the new version controls the page', async () => {
    const wb = fakeWorkbox();
    const reload = vi.fn();
    const updater = createUpdater(Promise.resolve(wb), { reload, page: fakePage() });
    await settle();
    expect(wb.register).toHaveBeenCalledTimes(1);
    expect(updater.isUpdateWaiting()).toBe(false);
    updater.applyUpdate(); // nothing waiting: nothing happens
    expect(wb.messageSkipWaiting).not.toHaveBeenCalled();

    const changed = vi.fn();
    updater.subscribe(changed);
    wb.emit('waiting');
    expect(changed).toHaveBeenCalledTimes(1);
    expect(updater.isUpdateWaiting()).toBe(true);
    updater.applyUpdate();
    updater.applyUpdate();
    expect(wb.messageSkipWaiting).toHaveBeenCalledTimes(1);
    expect(reload).not.toHaveBeenCalled();
    wb.emit('controlling');
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('checks for a new version every 30 minutes while visible, and when shown again if one was due', async () => {
    vi.useFakeTimers();
    const wb = fakeWorkbox();
    wb.update.mockRejectedValueOnce(new Error('offline')); // a failed check is not an error
    const page = fakePage();
    createUpdater(wb, { reload: vi.fn(), page });
    await vi.advanceTimersByTimeAsync(0);
    expect(UPDATE_CHECK_INTERVAL_MS).toBe(30 * 60 * 1000);
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS - 1);
    expect(wb.update).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(wb.update).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS);
    expect(wb.update).toHaveBeenCalledTimes(2);

    page.visible = false;
    await vi.advanceTimersByTimeAsync(3 * UPDATE_CHECK_INTERVAL_MS);
    expect(wb.update).toHaveBeenCalledTimes(2);
    page.show();
    expect(wb.update).toHaveBeenCalledTimes(3);
    page.show(); // nothing due any more
    expect(wb.update).toHaveBeenCalledTimes(3);
  });

  it('reports a failed registration and offers nothing', async () => {
    const wb = fakeWorkbox();
    wb.register.mockRejectedValueOnce(new Error('no service worker'));
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const updater = createUpdater(wb, { reload: vi.fn(), page: fakePage() });
    await settle();
    expect(error).toHaveBeenCalledWith('Service worker registration failed', expect.any(Error));
    expect(updater.isUpdateWaiting()).toBe(false);
    expect(wb.update).not.toHaveBeenCalled();
  });
});

describe('update prompt', () => {
  const PROMPT = '新版本可用，刷新';

  function renderApp(db: LeitaiDB, path: string) {
    const wb = fakeWorkbox();
    const reload = vi.fn();
    const updater = createUpdater(wb, { reload, page: fakePage() });
    window.history.replaceState(null, '', path);
    render(
      <DatabaseProvider db={db}>
        <App updater={updater} />
      </DatabaseProvider>,
    );
    return { wb, reload };
  }

  const draft = {
    roundId: 'r',
    judgeId: 'j',
    contestantId: 'c',
    criterionId: 'content',
    text: '3',
  };

  it('waits while a mark is not confirmed or an event is not sent, then offers the switch', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    await db.drafts.put(draft);
    await db.outbox.put({ eventId: 'e1', deviceSeq: 1 });
    const { wb, reload } = renderApp(db, '/');
    await settle();
    act(() => wb.emit('waiting'));
    await screen.findByRole('heading', { level: 1 });
    await settle();
    expect(screen.queryByRole('button', { name: PROMPT })).not.toBeInTheDocument();

    await act(() => db.drafts.put({ ...draft, text: '' })); // cleared on the keypad: nothing typed
    await settle();
    expect(screen.queryByRole('button', { name: PROMPT })).not.toBeInTheDocument(); // the outbox

    await act(() => db.outbox.clear());
    await user.click(await screen.findByRole('button', { name: PROMPT }));
    expect(wb.messageSkipWaiting).toHaveBeenCalledTimes(1);
    wb.emit('controlling');
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('takes the offer back when the judge starts typing again', async () => {
    const db = freshDb();
    const { wb } = renderApp(db, '/');
    await settle();
    act(() => wb.emit('waiting'));
    await screen.findByRole('button', { name: PROMPT });
    await act(() => db.drafts.put(draft));
    await waitFor(() => expect(screen.queryByRole('button', { name: PROMPT })).not.toBeInTheDocument());
  });

  it('never shows on the projector', async () => {
    const db = freshDb();
    const { wb } = renderApp(db, '/projector');
    await settle();
    act(() => wb.emit('waiting'));
    await settle();
    await settle();
    expect(screen.queryByRole('button', { name: PROMPT })).not.toBeInTheDocument();
    expect(document.querySelector('.update-region')).toBeNull();
  });
});
