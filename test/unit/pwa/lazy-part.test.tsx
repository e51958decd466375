// A lazy part that cannot load (offline on plain http, before it was preloaded) says so in its
// place instead of failing the page around it, and loads when shown again once it can.
import { render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { lazyPart } from '../../../src/app/pwa/lazy-part';

function Greeting({ name }: { name: string }) {
  return <p>你好，{name}</p>;
}

describe('lazyPart', () => {
  it('says a part cannot be loaded, keeps the page, and loads it when shown again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    let online = false;
    const part = lazyPart([], () =>
      online
        ? Promise.resolve(Greeting)
        : Promise.reject(new TypeError('Failed to fetch dynamically imported module')),
    );
    const page = (
      <main>
        <h1>评委</h1>
        <Suspense fallback={<p>加载中…</p>}>
          <part.Part name="王评委" />
        </Suspense>
      </main>
    );
    const { unmount } = render(page);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '这一部分现在无法加载（网络不通）。联网后再打开即可。',
    );
    expect(screen.getByRole('heading', { name: '评委' })).toBeInTheDocument();
    unmount();

    online = true;
    render(page);
    expect(await screen.findByText('你好，王评委')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
