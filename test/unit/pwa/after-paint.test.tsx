import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { usePaintedOnce } from '../../../src/app/pwa/after-paint';

function Probe({ ready }: { ready: boolean }) {
  return <p>{usePaintedOnce(ready) ? 'painted' : 'waiting'}</p>;
}

// The test decides when frames and timers run.
beforeEach(() => {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'],
  });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('usePaintedOnce', () => {
  it('stays false while the screen is not ready, however long', async () => {
    render(<Probe ready={false} />);
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(screen.getByText('waiting')).toBeInTheDocument();
  });

  it('turns true the frame after the screen was painted ready, and stays true', async () => {
    const { rerender } = render(<Probe ready={false} />);
    rerender(<Probe ready />);
    // Not in the same pass: the parts below the first screen come after its paint.
    expect(screen.getByText('waiting')).toBeInTheDocument();
    // One frame (16 ms) and the task after it: well before the wait without a frame.
    await act(() => vi.advanceTimersByTimeAsync(20));
    expect(screen.getByText('painted')).toBeInTheDocument();
    rerender(<Probe ready={false} />);
    expect(screen.getByText('painted')).toBeInTheDocument();
  });

  it('turns true all the same on a hidden page, which paints no frame', async () => {
    const { rerender } = render(<Probe ready={false} />);
    rerender(<Probe ready />);
    await act(() => vi.advanceTimersByTimeAsync(250));
    expect(screen.getByText('painted')).toBeInTheDocument();
  });
});
