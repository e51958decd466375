// The layout checker must catch what it is for, and pass a clean page: otherwise every layout
// matrix built on it proves nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';
import { layoutProblems } from './layout-checks';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const page = async (body: string) => {
  const tab = await h.newPage({ width: 1024, height: 768 });
  await tab.setContent(
    `<!doctype html><html lang="zh-CN"><body style="margin:0;font:20px sans-serif">${body}</body></html>`,
  );
  return tab;
};

describe('layoutProblems', () => {
  it('passes a page whose labels fit and whose required element is on screen', async () => {
    const tab = await page(
      '<div style="width:300px"><span>形象风采</span></div><button id="go">提交</button>',
    );
    expect(await layoutProblems(tab, { required: { submit: '#go' } })).toEqual([]);
  });

  it('finds a short label broken over two lines', async () => {
    const tab = await page('<div style="width:50px"><span>形象风采</span></div>');
    const problems = await layoutProblems(tab);
    expect(problems.map((problem) => problem.kind)).toContain('word-broken');
    expect(problems.find((problem) => problem.kind === 'word-broken')?.detail).toContain('形象风采');
  });

  it('finds a Latin word split inside a longer text, and lets CJK sentences wrap', async () => {
    const broken = await page('<p style="width:140px;word-break:break-all">Presentation skills matter</p>');
    expect((await layoutProblems(broken)).map((problem) => problem.kind)).toContain('word-broken');
    const sentence = await page('<p style="width:100px">请在评分表上填写每一项分数然后提交</p>');
    expect(await layoutProblems(sentence)).toEqual([]);
  });

  it('finds an element past the viewport edge and text cut by its box', async () => {
    const tab = await page(
      '<div style="position:absolute;left:900px;width:300px">卡片</div><div style="width:60px;overflow:hidden;white-space:nowrap">三工镇下六工村村委会</div>',
    );
    const kinds = (await layoutProblems(tab)).map((problem) => problem.kind);
    expect(kinds).toContain('outside-viewport');
    expect(kinds).toContain('overflows-box');
  });

  it('finds a required element below the fold, and one that is missing', async () => {
    const tab = await page('<div style="height:900px"></div><button id="go">提交</button>');
    const problems = await layoutProblems(tab, { required: { submit: '#go', keypad: '.keypad' } });
    expect(problems).toEqual([
      expect.objectContaining({ kind: 'off-screen', element: 'submit' }),
      expect.objectContaining({ kind: 'missing', element: 'keypad' }),
    ]);
  });
});
