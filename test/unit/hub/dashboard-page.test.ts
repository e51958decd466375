// The city dashboard's page (src/hub/dashboard-page.ts) in a browser's DOM: the city table's top
// rows first and all on asking, 已晋级 beside the finalists, pending ones unranked, and each
// venue's 总成绩, every name written as text.
import { waitFor, within } from '@testing-library/dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DASHBOARD_HTML, DASHBOARD_JS } from '../../../src/hub/dashboard-page';
import type { CityDashboard, CityTableEntry } from '../../../src/sync/hub-protocol';

const HOSTILE = '<img src=x onerror="alert(1)">';

function entry(n: number, fields: Partial<CityTableEntry> = {}): CityTableEntry {
  return {
    venueId: 'v1',
    venueName: '城关镇初赛',
    roundId: 'r1',
    roundName: '初赛',
    contestantId: `c${n}`,
    name: `选手${n}`,
    unit: null,
    rank: n,
    score: String(100 - n),
    advanced: false,
    ...fields,
  };
}

/** 25 ranked (the first an advanced hostile name), 2 pending; one venue with a 总成绩. */
const CITY: CityDashboard = {
  checkedAt: '2026-12-05T09:00:00.000Z',
  cityTable: {
    ranked: Array.from({ length: 25 }, (_, i) =>
      entry(i + 1, i === 0 ? { name: HOSTILE, advanced: true } : {}),
    ),
    pending: [entry(26, { rank: null, score: null }), entry(27, { rank: null, score: null })],
  },
  venues: [
    {
      venueId: 'v1',
      name: '城关镇初赛',
      events: 10,
      lastEventAt: null,
      rounds: [],
      combined: [
        {
          competitionId: 'k1',
          competitionName: '观摩擂台',
          stages: [
            { roundId: 'r1', roundName: '现场观摩', percent: '40' },
            { roundId: 'r2', roundName: '擂台演讲', percent: '60' },
          ],
          standings: {
            ranked: [
              {
                name: '李四',
                unit: '榆树沟镇',
                rank: 1,
                tied: false,
                stageScores: ['80.00', '95.00'],
                score: '89.00',
                award: '一等奖',
              },
            ],
            pending: [{ name: '王五', unit: '佃坝镇' }],
            excluded: [],
          },
        },
      ],
    },
  ],
};

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

/** The page as served, its code remembered, its first read answered with CITY (no polling). */
function openPage() {
  document.documentElement.innerHTML = DASHBOARD_HTML.replace(/^<!doctype html>\s*<html[^>]*>/i, '').replace(
    /<\/html>\s*$/,
    '',
  );
  sessionStorage.setItem('leitai-dashboard-code', 'code');
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(CITY), { status: 200 })),
  );
  vi.stubGlobal('setInterval', vi.fn());
  new Function(DASHBOARD_JS)();
}

describe("the dashboard page's tables", () => {
  it('shows the top of the city table, all on asking, the finalists marked and the pending unranked', async () => {
    openPage();
    const city = await waitFor(() => {
      const section = document.getElementById('city') as HTMLElement;
      expect(section.hidden).toBe(false);
      return section;
    });
    const rows = () => within(city).getAllByRole('row').slice(1);
    expect(rows()).toHaveLength(20);
    // The hostile name is text: no element came of it.
    expect(within(city).getByText(HOSTILE).closest('tr')?.textContent).toContain('已晋级');
    expect(city.querySelector('img')).toBeNull();
    expect(rows().filter((row) => row.textContent?.includes('已晋级'))).toHaveLength(1);
    within(city)
      .getByRole('button', { name: /显示全部 27 人/ })
      .click();
    expect(rows()).toHaveLength(27);
    const last = rows().at(-1)?.querySelectorAll('td') ?? [];
    expect([...last].map((cell) => cell.textContent)).toEqual([
      '—',
      '选手27',
      '',
      '城关镇初赛 · 初赛',
      '评分中',
      '',
    ]);
  });

  it("shows a venue's 总成绩 with its total, award, stage scores and pending people", async () => {
    openPage();
    const heading = await within(document.body).findByRole('heading', { name: '总成绩 Combined · 观摩擂台' });
    const part = heading.parentElement as HTMLElement;
    const [head, row] = within(part).getAllByRole('row');
    expect([...(head?.querySelectorAll('th') ?? [])].map((cell) => cell.textContent)).toEqual([
      '名次',
      '选手',
      '总分',
      '奖项',
      '现场观摩\n40%',
      '擂台演讲\n60%',
    ]);
    expect([...(row?.querySelectorAll('td') ?? [])].map((cell) => cell.textContent)).toEqual([
      '1',
      '李四',
      '89.00',
      '一等奖',
      '80.00',
      '95.00',
    ]);
    expect(within(part).getByText('待定 Pending: 王五（佃坝镇）')).toBeTruthy();
  });
});
