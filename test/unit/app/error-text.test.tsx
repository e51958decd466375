// The refusals' texts are not in any page's chunk: a screen that may show a refusal loads them
// when it mounts (useErrorText). The setup loads every area for the other tests, so this one
// takes fresh modules, with nothing loaded yet.
import { describe, expect, it, vi } from 'vitest';

describe('useErrorText', () => {
  it('loads the refusals’ texts when a screen that may show one mounts, then shows the words', async () => {
    vi.resetModules();
    const { render, screen } = await import('@testing-library/react');
    const { isAreaLoaded } = await import('../../../src/app/i18n/areas');
    const { useErrorText } = await import('../../../src/app/i18n/error-text');
    const { because, RepositoryError } = await import('../../../src/db/errors');
    expect(isAreaLoaded('repository-errors', 'zh-CN')).toBe(false);

    const refusal = new RepositoryError('has-marks', because('roundHasMarks', { round: '决赛' }));
    function Refusal() {
      const errorText = useErrorText();
      return <p role="alert">{errorText(refusal)}</p>;
    }
    render(<Refusal />);
    expect(await screen.findByText('轮次“决赛”已有评委打分，不能删除')).toBeInTheDocument();
    expect(isAreaLoaded('repository-errors', 'zh-CN')).toBe(true);
  });
});
