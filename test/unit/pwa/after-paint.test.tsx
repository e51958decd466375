import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { usePaintedOnce } from '../../../src/app/pwa/after-paint';

function Probe({ ready }: { ready: boolean }) {
  return <p>{usePaintedOnce(ready) ? 'painted' : 'waiting'}</p>;
}

describe('usePaintedOnce', () => {
  it('stays false while the screen is not ready', async () => {
    render(<Probe ready={false} />);
    // Longer than the wait without a frame: nothing is due while not ready.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(screen.getByText('waiting')).toBeInTheDocument();
  });

  it('turns true after the screen was painted ready, and stays true', async () => {
    const { rerender } = render(<Probe ready={false} />);
    rerender(<Probe ready />);
    // Not in the same pass: the parts below the first screen come after its paint.
    expect(screen.getByText('waiting')).toBeInTheDocument();
    await screen.findByText('painted');
    rerender(<Probe ready={false} />);
    expect(screen.getByText('painted')).toBeInTheDocument();
  });
});
