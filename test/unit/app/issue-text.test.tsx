// The issues' words are not in any page's chunk: a screen that shows an issue loads them at once,
// one that may show one once the page is idle (useIssueText, useErrorText). The setup loads them for the other tests, so this
// one takes fresh modules, with nothing loaded yet.
import { describe, expect, it, vi } from 'vitest';
import { issue, RoundRejectedError } from '../../../src/domain/issues';

const aboveMax = issue('markAboveMax', 'scores[7]', {
  judge: '评委丙',
  contestant: '赵一',
  criterion: '综合',
  value: '90.1',
  max: '90',
});

describe('useIssueText', () => {
  it('loads the issues’ words when a screen that may show one mounts, then shows them', async () => {
    vi.resetModules();
    const { render, screen } = await import('@testing-library/react');
    const { areIssueTextsLoaded, useIssueText } = await import('../../../src/app/i18n/issue-text');
    const { describeIssue } = await import('../../../src/domain/issue-texts');
    expect(areIssueTextsLoaded()).toBe(false);

    function Issue() {
      const issueText = useIssueText();
      return <p role="alert">{issueText(aboveMax)}</p>;
    }
    render(<Issue />);
    expect(await screen.findByText(describeIssue(aboveMax, 'zh-CN'))).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('评委丙 给 赵一 的「综合」打分 90.1');
    expect(areIssueTextsLoaded()).toBe(true);
  });

  it('on a screen that shows none, loads them only once the page has loaded and been left a moment', async () => {
    vi.resetModules();
    vi.useFakeTimers();
    try {
      const { render } = await import('@testing-library/react');
      const { areIssueTextsLoaded, useIssueText } = await import('../../../src/app/i18n/issue-text');
      function NoIssue() {
        useIssueText();
        return <p>没有问题</p>;
      }
      render(<NoIssue />);
      await vi.advanceTimersByTimeAsync(900);
      expect(areIssueTextsLoaded()).toBe(false);
      await vi.advanceTimersByTimeAsync(200);
      vi.useRealTimers();
      await vi.waitFor(() => expect(areIssueTextsLoaded()).toBe(true));
    } finally {
      vi.useRealTimers();
    }
  });

  it('names the path and the code until the words are loaded', async () => {
    vi.resetModules();
    const { describeLoadedIssue, loadIssueTexts } = await import('../../../src/app/i18n/issue-text');
    expect(describeLoadedIssue(aboveMax, 'en')).toBe('scores[7]: markAboveMax');
    await loadIssueTexts();
    expect(describeLoadedIssue(aboveMax, 'en')).toMatch(/^judge 评委丙, contestant 赵一, 综合: mark 90.1/);
  });
});

describe('RoundRejectedError', () => {
  it('carries its issues, and a message naming each one’s place, code and entries without the words', () => {
    const error = new RoundRejectedError([aboveMax, issue('noCriteria', 'criteria')]);
    expect(error.issues).toEqual([aboveMax, issue('noCriteria', 'criteria')]);
    expect(error.message.split('\n')).toEqual([
      'scores[7]: markAboveMax {"judge":"评委丙","contestant":"赵一","criterion":"综合","value":"90.1","max":"90"}',
      'criteria: noCriteria {}',
    ]);
  });
});
