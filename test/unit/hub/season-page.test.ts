// The season table of the city dashboard's page: the standings of the period picked (month,
// quarter, year) as GET /hub/v1/season answers them, names written as text only.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Period, parsePeriod, type Season, seasonStandings } from '../../../src/domain/season';
import { DEFAULT_POINTS_TABLE, importBackups } from '../../../src/domain/season-import';
import { SEASON_JS } from '../../../src/hub/season-page';
import type { HubSeasonsResponse } from '../../../src/sync/hub-season-protocol';
import { competitionBackup, NOVEMBER_CONTEST, NOVEMBER_SPEECH } from '../domain/season-backups';

const HOSTILE = '<img src=x onerror="alert(1)">';

/** A season from the fixtures' two competitions, one name spelled as an attack. */
function seasonOf(): Season {
  const empty: Season = {
    id: 's',
    name: '2026年度积分',
    members: [],
    table: DEFAULT_POINTS_TABLE,
    entries: [],
  };
  const { season } = importBackups(empty, [
    { name: 'a.json', value: competitionBackup(NOVEMBER_CONTEST) },
    { name: 'b.json', value: competitionBackup(NOVEMBER_SPEECH) },
  ]);
  return {
    ...season,
    members: season.members.map((member, at) => (at === 0 ? { ...member, name: HOSTILE } : member)),
  };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  sessionStorage.clear();
  document.body.replaceChildren();
});

describe("the dashboard page's season table", () => {
  it('writes nothing as HTML', () => {
    expect(SEASON_JS).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });

  it('shows the period picked, each row as text', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval'] });
    vi.setSystemTime(new Date(2026, 10, 15, 12));
    const season = seasonOf();
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        const period = new URL(url, 'http://hub').searchParams.get('period') as string;
        asked.push(period);
        const answer: HubSeasonsResponse = {
          period,
          seasons: [
            {
              id: season.id,
              name: season.name,
              table: season.table,
              standings: seasonStandings(season, parsePeriod(period) as Period),
              notes: [{ code: 'venueCompetitionUndated', 'zh-CN': '无日期', en: 'no date' }],
            },
          ],
        };
        return new Response(JSON.stringify(answer), { status: 200 });
      }),
    );
    sessionStorage.setItem('leitai-dashboard-code', 'code');
    document.body.innerHTML = '<main id="venues"></main>';
    new Function(SEASON_JS)();
    const part = document.getElementById('season') as HTMLElement;
    await vi.waitFor(() => expect(part.hidden).toBe(false));
    expect(asked).toEqual(['2026-11']);
    const rows = () =>
      [...part.querySelectorAll('tr')]
        .slice(1)
        .map((row) => [...row.children].map((cell) => cell.textContent));
    const expected = seasonStandings(season, parsePeriod('2026-11') as Period).ranked.map((row) => [
      `${row.rank}${row.tied ? ' 并列' : ''}`,
      row.name,
      row.unit ?? '',
      row.points,
      row.competitionPoints,
    ]);
    expect(expected.map((row) => row[1])).toContain(HOSTILE);
    expect(rows()).toEqual(expected);
    expect(part.querySelector('img')).toBeNull();
    expect(part.textContent).toContain('无日期 / no date');

    const kind = part.querySelector('select') as HTMLSelectElement;
    for (const [value, period] of [
      ['quarter', '2026-Q4'],
      ['year', '2026'],
    ]) {
      kind.value = value as string;
      kind.dispatchEvent(new Event('change'));
      await vi.waitFor(() => expect(asked.at(-1)).toBe(period));
    }
    expect(rows()).toEqual(expected);
  });
});
