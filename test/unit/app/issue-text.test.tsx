// The issues' words are not in any page's chunk: a screen that may show an issue loads them
// when it mounts (useIssueText, useErrorText). The setup loads them for the other tests, so this
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
