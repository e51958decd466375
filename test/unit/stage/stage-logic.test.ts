// @vitest-environment node
/** The pure stage logic: the clock and the overtime deduction, outliers, panel progress, the default round. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRoundId, roundChoices } from '../../../src/app/stage/default-round';
import { awardGroups, awardSlides } from '../../../src/app/stage/leaderboard-rows';
import type { JudgeTotal } from '../../../src/domain/engine';
import type { AudienceWindowRow, Stamp } from '../../../src/domain/events';
import { medianOf, outliersOf, parseExact } from '../../../src/domain/outliers';
import {
  clockView,
  elapsedAt,
  formatClock,
  overtimeDeduction,
  overtimeReason,
} from '../../../src/domain/overtime';
import { rational } from '../../../src/domain/rational';
import type { CompetitionRecord, RoundRecord } from '../../../src/domain/records';
import {
  panelProgress,
  revealChecks,
  signatureProblemsOf,
  signedJudgesOf,
} from '../../../src/domain/reveal-checks';
import type { SheetSigning } from '../../../src/domain/signing-checks';
import { mark, sheet } from '../domain/contestant-rows.ts';

describe('the clock', () => {
  it('adds the running time to what was counted; a pause or reset shows what it counted', () => {
    expect(elapsedAt({ action: 'start', elapsedMs: 60_000 }, 1_000, 31_000)).toBe(90_000);
    expect(elapsedAt({ action: 'pause', elapsedMs: 60_000 }, 1_000, 999_000)).toBe(60_000);
    expect(elapsedAt({ action: 'reset', elapsedMs: 0 }, 1_000, 999_000)).toBe(0);
    // A start seen before it was recorded (another device's clock ahead) never counts backwards.
    expect(elapsedAt({ action: 'start', elapsedMs: 5_000 }, 10_000, 9_000)).toBe(5_000);
  });

  it('phases: normal, 2 minutes left, 1 minute left, overtime; unlimited without a limit', () => {
    expect(clockView(0, 600)).toEqual({
      phase: 'normal',
      elapsedMs: 0,
      remainingSeconds: 600,
      overtimeSeconds: 0,
    });
    expect(clockView(479_001, 600)).toMatchObject({ phase: 'normal', remainingSeconds: 121 });
    expect(clockView(480_000, 600)).toMatchObject({ phase: 'twoMinutes', remainingSeconds: 120 });
    expect(clockView(540_000, 600)).toMatchObject({ phase: 'oneMinute', remainingSeconds: 60 });
    expect(clockView(599_999, 600)).toMatchObject({ phase: 'oneMinute', remainingSeconds: 1 });
    expect(clockView(600_000, 600)).toMatchObject({
      phase: 'overtime',
      remainingSeconds: 0,
      overtimeSeconds: 0,
    });
    expect(clockView(672_500, 600)).toMatchObject({ phase: 'overtime', overtimeSeconds: 72 });
    expect(clockView(672_500, null)).toMatchObject({ phase: 'unlimited', remainingSeconds: null });
    expect(formatClock(600)).toBe('10:00');
    expect(formatClock(59)).toBe('0:59');
  });

  it('deducts every started period over the limit, and nothing within it', () => {
    const rule = { everySeconds: 30, points: 50 };
    expect(overtimeDeduction(0, rule)).toBeNull();
    expect(overtimeDeduction(72, null)).toBeNull();
    expect(overtimeDeduction(1, rule)).toEqual({ overtimeSeconds: 1, periods: 1, points: -50 });
    expect(overtimeDeduction(30, rule)).toEqual({ overtimeSeconds: 30, periods: 1, points: -50 });
    expect(overtimeDeduction(31, rule)).toEqual({ overtimeSeconds: 31, periods: 2, points: -100 });
    expect(overtimeDeduction(72, rule)).toEqual({ overtimeSeconds: 72, periods: 3, points: -150 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3600 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 1000 }),
        (seconds, every, points) => {
          const deduction = overtimeDeduction(seconds, { everySeconds: every, points });
          expect(deduction && deduction.periods * every).toBeGreaterThanOrEqual(seconds);
          expect(deduction && (deduction.periods - 1) * every).toBeLessThan(seconds);
          expect(deduction?.points).toBe(-(deduction?.periods ?? 0) * points);
        },
      ),
    );
    expect(overtimeReason(72)).toBe('超时 1分12秒');
    expect(overtimeReason(45)).toBe('超时 45秒');
    expect(overtimeReason(120)).toBe('超时 2分钟');
  });
});

const total = (judge: string, exact: string, shown = exact): JudgeTotal => ({
  judge,
  total: exact,
  shown,
  dropped: null,
});

describe('outliers', () => {
  it('reads the engine’s exact totals', () => {
    expect(parseExact('87.725')).toEqual(rational(87725n, 1000n));
    expect(parseExact('263/3')).toEqual(rational(263n, 3n));
    expect(parseExact('-3')).toEqual(rational(-3n));
    expect(() => parseExact('8,5')).toThrow();
    expect(medianOf([rational(3n), rational(1n), rational(2n), rational(10n)])).toEqual(rational(5n, 2n));
  });

  it('flags totals more than 10 % of the full mark from the median, exactly at the boundary', () => {
    // Median 88; 10 % of 100 is 10: 78 is not flagged, 77.99 is; 98.01 above.
    expect(outliersOf([total('J1', '88'), total('J2', '78'), total('J3', '90')], 10_000)).toEqual([]);
    expect(
      outliersOf(
        [total('J1', '88'), total('J2', '77.99'), total('J3', '90'), total('J4', '98.01'), total('J5', '86')],
        10_000,
      ),
    ).toEqual([
      { judge: 'J2', shown: '77.99', direction: 'low' },
      { judge: 'J4', shown: '98.01', direction: 'high' },
    ]);
    // A 10-point sheet: 1 point is 10 %.
    expect(
      outliersOf([total('J1', '9.6'), total('J2', '8.4'), total('J3', '9.5')], 1_000).map((o) => o.judge),
    ).toEqual(['J2']);
    // Two totals have no median to be far from.
    expect(outliersOf([total('J1', '100'), total('J2', '10')], 10_000)).toEqual([]);
  });
});

describe('panel progress and the checks', () => {
  const criteria = [{ id: 'c1' }, { id: 'c2' }];
  /** Judge A's submitted sheet for P, its c2 mark above the maximum: set aside, and it would count. */
  const setAsideSheet = () => {
    const progress = panelProgress(
      [{ id: 'A', unit: null }],
      { id: 'P', unit: null },
      criteria,
      [mark('A', 'c1', 100), mark('A', 'c2', 99999)],
      [sheet('A', 'submitted')],
      'equal',
    );
    const aboveMax = { code: 'markAboveMax' as const, path: 'scores[1]', params: { value: '999.99' } };
    const counting = { contestant: 'P', judge: 'A', issues: [aboveMax], affectsScore: true };
    return { progress, aboveMax, counting };
  };

  it('says submitted, incomplete, scoring, not started or recused for each judge', () => {
    const judges = [
      { id: 'A', unit: null },
      { id: 'B', unit: '' },
      { id: 'C', unit: '三工镇' },
      { id: 'D', unit: null },
      { id: 'E', unit: null },
      { id: 'F', unit: null },
    ];
    const progress = panelProgress(
      judges,
      { id: 'P', unit: '三工镇' },
      criteria,
      [
        mark('A', 'c1', 100),
        mark('A', 'c2', 200),
        mark('B', 'c1', 100),
        mark('D', 'c1', null),
        // F submitted before c2 was added; its mark of a criterion deleted since is no part of the sheet.
        mark('F', 'c1', 300),
        mark('F', 'gone', 300),
      ],
      [sheet('A', 'submitted'), sheet('E', 'reopened'), sheet('F', 'submitted')],
      'equal',
    );
    expect(progress).toEqual([
      { judgeId: 'A', status: 'submitted', marked: 2, unmarked: [] },
      { judgeId: 'B', status: 'drafting', marked: 1, unmarked: ['c2'] },
      { judgeId: 'C', status: 'recused', marked: 0, unmarked: ['c1', 'c2'] },
      { judgeId: 'D', status: 'notStarted', marked: 0, unmarked: ['c1', 'c2'] },
      { judgeId: 'E', status: 'drafting', marked: 0, unmarked: ['c1', 'c2'] },
      { judgeId: 'F', status: 'incomplete', marked: 1, unmarked: ['c2'] },
    ]);
    const outlier = { judge: 'A', shown: '70.00', direction: 'low' as const };
    expect(revealChecks(progress, [outlier], new Set(), [])).toEqual({
      missing: ['B', 'D', 'E'],
      incomplete: [progress[5]],
      setAside: [],
      unconfirmedOutliers: [outlier],
      allSubmitted: false,
      signatureProblems: [],
      allSigned: false,
      needsOverride: true,
      audienceVoting: null,
    });
    expect(revealChecks(progress.slice(0, 1), [outlier], new Set(['A']), [])).toEqual({
      missing: [],
      incomplete: [],
      setAside: [],
      unconfirmedOutliers: [],
      allSubmitted: true,
      signatureProblems: [],
      allSigned: false,
      needsOverride: false,
      audienceVoting: null,
    });
  });

  it('names each submitted sheet whose signature does not hold; only an unsigned one reveals without a reason', () => {
    const judges = ['A', 'B', 'C', 'D'].map((id) => ({ id, unit: null }));
    const full = (id: string) => [mark(id, 'c1', 100), mark(id, 'c2', 100)];
    const progress = panelProgress(
      judges,
      { id: 'P', unit: null },
      criteria,
      ['A', 'B', 'C', 'D'].flatMap(full),
      ['A', 'B', 'C', 'D'].map((id) => sheet(id, 'submitted')),
      'equal',
    );
    const signings: Record<string, SheetSigning> = {
      A: { state: 'signed', fingerprint: '3F2A-91C0-5B7E-0D14' },
      B: { state: 'unsigned' },
      C: { state: 'badSignature', reason: 'invalid' },
      D: { state: 'changed', criterionIds: ['c1'], fingerprint: '3F2A-91C0-5B7E-0D14' },
    };
    const problems = signatureProblemsOf(progress, (judgeId) => signings[judgeId] ?? null);
    expect(problems).toEqual([
      { judgeId: 'B', problem: 'unsigned' },
      { judgeId: 'C', problem: 'badSignature' },
      { judgeId: 'D', problem: 'changed' },
    ]);
    expect(revealChecks(progress, [], new Set(), [], [], problems).needsOverride).toBe(true);
    expect(revealChecks(progress, [], new Set(), [], [], problems.slice(0, 1))).toMatchObject({
      signatureProblems: [{ judgeId: 'B', problem: 'unsigned' }],
      needsOverride: false,
      audienceVoting: null,
    });
  });

  describe('评委签名齐全 (allSigned)', () => {
    const signedBy = { state: 'signed', fingerprint: '3F2A-91C0-5B7E-0D14' } as const;
    /** The checks of judges A, B and C (C recused) with every sheet in, signed as `signings` say. */
    const checksWith = (signings: Record<string, SheetSigning | null>, sheets = ['A', 'B', 'C']) => {
      const progress = panelProgress(
        [
          { id: 'A', unit: null },
          { id: 'B', unit: null },
          { id: 'C', unit: '三工镇' },
        ],
        { id: 'P', unit: '三工镇' },
        criteria,
        sheets.flatMap((id) => [mark(id, 'c1', 100), mark(id, 'c2', 100)]),
        sheets.map((id) => sheet(id, 'submitted')),
        'equal',
      );
      const signingOf = (judgeId: string) => signings[judgeId] ?? null;
      return revealChecks(
        progress,
        [],
        new Set(),
        [],
        [],
        signatureProblemsOf(progress, signingOf),
        new Set(signedJudgesOf(progress, signingOf)),
      );
    };

    it('is said when every eligible sheet is signed and verifies (a recused judge is no part of it)', () => {
      expect(checksWith({ A: signedBy, B: signedBy }).allSigned).toBe(true);
    });

    it('is not said when one sheet is unsigned, does not verify, or changed after signing', () => {
      expect(checksWith({ A: signedBy, B: { state: 'unsigned' } }).allSigned).toBe(false);
      expect(checksWith({ A: signedBy, B: { state: 'badSignature', reason: 'invalid' } }).allSigned).toBe(
        false,
      );
      expect(checksWith({ A: signedBy, B: { state: 'badSignature', reason: 'unknownKey' } }).allSigned).toBe(
        false,
      );
      const changed: SheetSigning = {
        state: 'changed',
        criterionIds: ['c1'],
        fingerprint: signedBy.fingerprint,
      };
      expect(checksWith({ A: signedBy, B: changed }).allSigned).toBe(false);
    });

    it('is not said in a round that does not sign: sheets from before signing, or a rehearsal', () => {
      // Before signing existed: every sheet submitted without a signature.
      expect(checksWith({ A: { state: 'unsigned' }, B: { state: 'unsigned' } }).allSigned).toBe(false);
      // A rehearsal's sheets are not checked at all: no judge's sheet is known to be signed.
      expect(checksWith({}).allSigned).toBe(false);
    });

    it('is not said while a signed judge’s sheet is missing, or when a sheet is set aside', () => {
      expect(checksWith({ A: signedBy }, ['A']).allSigned).toBe(false);
      const { progress, counting: held } = setAsideSheet();
      expect(revealChecks(progress, [], new Set(), [held], [], [], new Set(['A'])).allSigned).toBe(false);
      expect(revealChecks(progress, [], new Set(), [], [], [], new Set(['A'])).allSigned).toBe(true);
    });
  });

  it('needs an override for a set-aside sheet that would count, not for one the rules ignore', () => {
    const { progress, aboveMax, counting } = setAsideSheet();
    const ignored = { contestant: 'P', judge: 'R', issues: [aboveMax], affectsScore: false };
    expect(revealChecks(progress, [], new Set(), [counting, ignored])).toMatchObject({
      setAside: [counting],
      allSubmitted: true,
      needsOverride: true,
    });
    expect(revealChecks(progress, [], new Set(), [ignored])).toMatchObject({
      setAside: [],
      needsOverride: false,
    });
  });

  it('bars the reveal while a voting window is open, and flags a closed one the server has not sealed', () => {
    const progress = panelProgress(
      [{ id: 'A', unit: null }],
      { id: 'P', unit: null },
      criteria,
      [],
      [],
      'equal',
    );
    const at = (seq: number): Stamp => ({
      revision: 1,
      deviceId: 'host',
      deviceSeq: seq,
      eventId: `e${seq}`,
    });
    const window = (id: string, closed: boolean, sealed: boolean): AudienceWindowRow => ({
      windowId: id,
      roundId: 'R',
      contestantId: 'P',
      opened: { seconds: 30, recordedAt: '2026-05-01T09:00:00.000Z', head: at(1) },
      closed: closed ? { head: at(2) } : null,
      sealed: sealed ? { votes: 4, head: at(3) } : null,
    });
    const check = (windows: AudienceWindowRow[]) =>
      revealChecks(progress, [], new Set(), [], windows).audienceVoting;
    expect(check([])).toBeNull();
    expect(check([window('w1', false, false)])).toBe('open');
    // An earlier window sealed does not make a later open one any less open.
    expect(check([window('w1', true, true), window('w2', false, false)])).toBe('open');
    expect(check([window('w1', true, false)])).toBe('unsealed');
    expect(check([window('w1', true, true), window('w2', true, false)])).toBe('unsealed');
    expect(check([window('w1', true, true)])).toBeNull();
    // The seal can arrive before this device folds the host's close (a close from another device).
    expect(check([window('w1', false, true)])).toBeNull();
  });
});

describe('the default round', () => {
  const competition = (id: string, date: string | undefined, archived = false): CompetitionRecord => ({
    id,
    name: id,
    archived,
    ...(date ? { date } : {}),
  });
  const round = (id: string, competitionId: string, order: number) =>
    ({ id, competitionId, order }) as RoundRecord;

  it('is the newest competition’s last round with marks, else its first round', () => {
    const competitions = [
      competition('old', '2025-06-01'),
      competition('new', '2026-06-18'),
      competition('archived', '2027-01-01', true),
    ];
    const rounds = [
      round('old-1', 'old', 1),
      round('new-2', 'new', 2),
      round('new-1', 'new', 1),
      round('arch-1', 'archived', 1),
    ];
    const choices = roundChoices(competitions, rounds);
    expect(choices.map((choice) => [choice.competition.id, choice.rounds.map((r) => r.id)])).toEqual([
      ['new', ['new-1', 'new-2']],
      ['old', ['old-1']],
    ]);
    expect(defaultRoundId(choices, new Set())).toBe('new-1');
    expect(defaultRoundId(choices, new Set(['new-1', 'new-2']))).toBe('new-2');
    expect(defaultRoundId([], new Set())).toBeNull();
  });

  it('is a running 彩排 before any real mark, and the real round once the day has begun', () => {
    const rehearsal = { ...round('new-1-rehearsal', 'new', 1), rehearsalOf: 'new-1' } as RoundRecord;
    const choices = roundChoices(
      [competition('new', '2026-06-18')],
      [round('new-1', 'new', 1), rehearsal, round('new-2', 'new', 2)],
    );
    expect(defaultRoundId(choices, new Set(['new-1-rehearsal']))).toBe('new-1-rehearsal');
    expect(defaultRoundId(choices, new Set(['new-1-rehearsal', 'new-1']))).toBe('new-1');
  });
});

describe('the awards screens', () => {
  const row = (id: string, award: string) =>
    ({
      id,
      name: id,
      unit: null,
      draw: null,
      rank: 1,
      tied: false,
      score: '90.00',
      award,
      pending: false,
      countedJudges: 1,
      requiredJudges: 1,
      groups: null,
    }) as const;

  it('packs tiers onto screens in order and splits a tier too large for one', () => {
    const rows = [
      row('a', '一等奖'),
      row('b', '二等奖'),
      row('c', '二等奖'),
      ...Array.from({ length: 13 }, (_, at) => row(`r${at}`, '优秀奖')),
    ];
    const slides = awardSlides(awardGroups(['一等奖', '二等奖', '三等奖', '优秀奖'], rows));
    expect(
      slides.map((slide) =>
        slide.map((section) => `${section.name} ${section.part}/${section.parts} ${section.winners.length}`),
      ),
    ).toEqual([['一等奖 1/1 1', '二等奖 1/1 2'], ['优秀奖 1/2 10'], ['优秀奖 2/2 3']]);
  });
});
