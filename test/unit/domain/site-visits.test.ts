// @vitest-environment node
/**
 * 观摩评分 (src/domain/site-visits.ts): the sites as typed, the visiting order, and the rule of a
 * complete site (every judge's sheet of its contestant in).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { panelProgress } from '../../../src/domain/reveal-checks.ts';
import { guessColumns, readRoster } from '../../../src/domain/roster-import.ts';
import {
  bySiteVisit,
  formatSites,
  isSiteComplete,
  parseSites,
  type SiteSheetState,
  siteSheetState,
  sitesAreValid,
} from '../../../src/domain/site-visits.ts';

describe('parseSites', () => {
  it('reads names with optional times, separated by ；, ; or new lines', () => {
    expect(parseSites('大泉湖村 09:30；三工镇党群服务中心 7:05;\n 二六工镇 ')).toEqual({
      ok: true,
      sites: [
        { name: '大泉湖村', time: '09:30' },
        { name: '三工镇党群服务中心', time: '07:05' },
        { name: '二六工镇' },
      ],
    });
    expect(parseSites('   ')).toEqual({ ok: true, sites: [] });
  });

  it('refuses a time of day that does not exist, naming the entry', () => {
    expect(parseSites('大泉湖村 24:10')).toEqual({
      ok: false,
      error: { problem: 'badTime', entry: '大泉湖村 24:10' },
    });
  });

  it('refuses a time without a name, a long name and too many sites', () => {
    expect(parseSites('09:30')).toEqual({ ok: false, error: { problem: 'nameMissing', entry: '09:30' } });
    expect(parseSites('村'.repeat(101))).toMatchObject({ ok: false, error: { problem: 'nameTooLong' } });
    expect(parseSites(Array.from({ length: 21 }, (_, i) => `点${i}`).join('；'))).toMatchObject({
      ok: false,
      error: { problem: 'tooMany', max: 20 },
    });
  });

  it('gives back what formatSites wrote', () => {
    const site = fc.record(
      {
        name: fc
          .string({ minLength: 1, maxLength: 20 })
          .map((name) => name.replace(/[;；\n:：]/g, '').trim())
          .filter((name) => name !== '' && !/\d$/.test(name)),
        time: fc
          .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
          .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
      },
      { requiredKeys: ['name'] },
    );
    fc.assert(
      fc.property(fc.array(site, { maxLength: 20 }), (sites) => {
        const parsed = parseSites(formatSites(sites));
        expect(parsed).toEqual({ ok: true, sites });
        expect(sitesAreValid(sites)).toBe(true);
      }),
    );
  });
});

describe('bySiteVisit', () => {
  it('orders by the earliest site time, untimed after, then by appearance', () => {
    const contestants = [
      { id: 'a', draw: 1, order: 1 },
      {
        id: 'b',
        draw: 2,
        order: 2,
        sites: [
          { name: 'B1', time: '14:00' },
          { name: 'B2', time: '08:30' },
        ],
      },
      { id: 'c', draw: 3, order: 3, sites: [{ name: 'C1', time: '09:00' }] },
      { id: 'd', draw: null, order: 4, sites: [{ name: 'D1' }] },
      { id: 'e', draw: 0, order: 5, sites: [{ name: 'E1', time: '09:00' }] },
    ];
    expect([...contestants].sort(bySiteVisit).map((c) => c.id)).toEqual(['b', 'e', 'c', 'a', 'd']);
  });
});

describe('a complete site', () => {
  const judges = [
    { id: 'j1', unit: null },
    { id: 'j2', unit: '三工镇' },
  ];
  const criteria = [{ id: 'k1' }, { id: 'k2' }];
  const mark = (judgeId: string, criterionId: string) => ({
    judgeId,
    contestantId: 'c1',
    criterionId,
    value: 800,
  });
  /** `unit`: the contestant's; 三工镇 recuses j2 (回避, same unit). */
  const statesOf = (marks: ReturnType<typeof mark>[], submitted: string[], unit: string | null = null) =>
    panelProgress(
      judges,
      { id: 'c1', unit },
      criteria,
      marks as never,
      submitted.map((judgeId) => ({ judgeId, contestantId: 'c1', status: 'submitted' })) as never,
      'equal',
    ).map(siteSheetState);

  it('is complete once every judge has submitted a full sheet', () => {
    const marks = [mark('j1', 'k1'), mark('j1', 'k2'), mark('j2', 'k1'), mark('j2', 'k2')];
    expect(statesOf(marks, ['j1'])).toEqual(['in', 'inProgress']);
    expect(isSiteComplete(statesOf(marks, ['j1']))).toBe(false);
    expect(isSiteComplete(statesOf(marks, ['j1', 'j2']))).toBe(true);
  });

  it('is not complete with a judge who has not started, nor with a submitted sheet missing a mark', () => {
    expect(statesOf([mark('j1', 'k1'), mark('j1', 'k2')], ['j1'])).toEqual(['in', 'none']);
    expect(statesOf([mark('j1', 'k1')], ['j1'])[0]).toBe('inProgress');
  });

  it('does not wait for a recused judge, but needs one sheet in', () => {
    const states = statesOf([mark('j1', 'k1'), mark('j1', 'k2')], ['j1'], '三工镇');
    expect(states).toEqual(['in', 'recused']);
    expect(isSiteComplete(states)).toBe(true);
    expect(isSiteComplete(['recused', 'recused'])).toBe(false);
    expect(isSiteComplete([])).toBe(false);
  });

  it('is complete exactly when no state is in progress or none and one is in', () => {
    const state = fc.constantFrom<SiteSheetState>('in', 'inProgress', 'none', 'recused');
    fc.assert(
      fc.property(fc.array(state, { maxLength: 8 }), (states) => {
        const waiting = states.some((s) => s === 'inProgress' || s === 'none');
        expect(isSiteComplete(states)).toBe(!waiting && states.includes('in'));
      }),
    );
  });
});

describe('the 观摩点 column of an imported roster', () => {
  const header = ['姓名', '单位', '观摩点'];

  it('is recognised by its header and read as the form reads it', () => {
    const mapping = guessColumns(header, 'contestants');
    expect(mapping.sites).toBe(2);
    const read = readRoster(
      [
        ['张三', '三工镇', '东风村 10:30；三工镇党群服务中心'],
        ['李四', '榆树沟镇', ''],
      ],
      mapping,
      2,
    );
    expect(read.ok && read.entries.map((entry) => entry.sites)).toEqual([
      [{ name: '东风村', time: '10:30' }, { name: '三工镇党群服务中心' }],
      null,
    ]);
  });

  it('refuses a cell it cannot read, naming the row, the column and the text', () => {
    const read = readRoster([['张三', '三工镇', '东风村 26:00']], guessColumns(header, 'contestants'), 2);
    expect(read).toMatchObject({
      ok: false,
      errors: [{ code: 'rosterSitesInvalid', path: '第 2 行 C 列', params: { value: '东风村 26:00' } }],
    });
  });
});
