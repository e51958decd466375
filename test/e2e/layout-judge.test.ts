// The judge's tablet laid out for every common tablet (issue 12): at each of TABLET_SIZES, in
// real Chromium on the built app, the score sheet (the five-criterion sheet of the seed-final
// fixture, and a longer eight-criterion sheet with long labels), the contestant list and the
// join screen show nothing overflowing, no label broken inside a word, no two parts of a
// criterion on top of each other, type large enough to read at arm's length, and the keypad,
// the running total and 提交 on screen without scrolling. Screenshots: test-results/judge-*-WxH.png.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeitaiDB } from '../../src/db/database';
import type { KeypadKey } from '../../src/db/repository';
import {
  bindJudge,
  type CriterionDraft,
  createCompetition,
  createRound,
  enterMark,
  importRoster,
  openContestantSheet,
  pressKey,
  showRound,
  submitSheet,
} from '../../src/db/repository';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../src/domain/records';
import { type Harness, startHarness } from './harness';
import { formatProblems, layoutProblems, sizeName, TABLET_SIZES } from './layout-checks';
import { dumpTables, loadIntoPage, type TableRows } from './seed-browser-db';

let h: Harness;

interface FixtureCriterion {
  id: string;
  label: string;
  max: number;
}
interface FixtureContestant {
  name: string;
  unit: string;
  draw: number;
}

const fixture = JSON.parse(
  readFileSync(join(__dirname, '../fixtures/scoring-examples/seed-final.input.json'), 'utf8'),
) as { criteria: FixtureCriterion[]; contestants: FixtureContestant[] };

/** 内容40 / 形象风采15 / 语言表达20 / PPT制作15 / 综合印象10, as in the seed-final fixture. */
const FIVE_CRITERIA: CriterionDraft[] = fixture.criteria.map((criterion) => ({
  id: criterion.id,
  label: criterion.label,
  max: criterion.max * 100,
}));

/** A longer sheet, as some competitions print it: eight criteria with long labels. */
const EIGHT_CRITERIA: CriterionDraft[] = [
  { id: 'politics', label: '政治素质与理论水平', max: 2000 },
  { id: 'record', label: '履职能力与工作实绩', max: 1500 },
  { id: 'governance', label: '基层治理与乡村振兴', max: 1500 },
  { id: 'speech', label: '语言表达与逻辑思维', max: 1000 },
  { id: 'slides', label: 'PPT制作与现场展示', max: 1000 },
  { id: 'presence', label: '形象风采与精神面貌', max: 1000 },
  { id: 'masses', label: '群众满意度与口碑', max: 1000 },
  { id: 'overall', label: '综合印象与临场应变', max: 1000, step: 50 },
];

/** A name with the middle dot of Uyghur and Kazakh names, which must not break badly. */
const DOTTED_NAME = '阿依古丽·买买提';

/** After the fixture's contestants, enough more for a day's thirteen and a list that scrolls. */
const MORE_CONTESTANTS = [
  { name: '努尔兰·哈力木拉提', unit: '阿什里哈萨克民族乡' },
  { name: '韩卫东', unit: '大西渠镇' },
  { name: '马晓东', unit: '佃坝镇' },
  { name: '古丽娜尔·吐尔逊', unit: '榆树沟镇' },
  { name: '陈志强', unit: '滨湖镇' },
  { name: '赵丽', unit: '六工镇' },
  { name: '李秀兰', unit: '二六工镇' },
  { name: '王建军', unit: '三工镇三工村' },
];

interface Seeded {
  db: LeitaiDB;
  round: RoundRecord;
  judge: JudgeRecord;
  contestants: ContestantRecord[];
}

async function seedRound(criteria: CriterionDraft[]): Promise<Seeded> {
  const db = new LeitaiDB({ indexedDB: new IDBFactory(), IDBKeyRange });
  const competition = await createCompetition(db, { name: '2026年昌吉市村党组织书记“擂台比武”' });
  const round = await createRound(db, { competitionId: competition.id, name: '市级决赛', criteria });
  const { judges, contestants } = await importRoster(db, round.id, {
    judges: [{ name: '王评委', title: '市委组织部' }],
    contestants: [
      { name: DOTTED_NAME, unit: '三工镇下六工村', topic: '强村富民', draw: 1 },
      ...fixture.contestants.map((contestant) => ({ ...contestant, draw: contestant.draw + 1 })),
      ...MORE_CONTESTANTS.map((contestant, at) => ({
        ...contestant,
        draw: fixture.contestants.length + 2 + at,
      })),
    ],
  });
  return { db, round, judge: judges[0] as JudgeRecord, contestants };
}

/** Marks confirmed on some criteria, one typed over its max (its error shows), the rest empty. */
async function fillSheet(
  seeded: Seeded,
  contestant: ContestantRecord,
  marks: (number | null)[],
  typed: string,
) {
  const { db, round, judge } = seeded;
  const ref = { roundId: round.id, judgeId: judge.id, contestantId: contestant.id };
  const criteria = round.criteria;
  for (const [index, value] of marks.entries()) {
    const criterion = criteria[index];
    if (value !== null && criterion) await enterMark(db, { ...ref, criterionId: criterion.id, value });
  }
  const draftCriterion = criteria[marks.length];
  if (!draftCriterion) throw new Error('no criterion left for the draft');
  for (const key of typed) await pressKey(db, { ...ref, criterionId: draftCriterion.id }, key as KeypadKey);
}

/**
 * A sheet in progress. With `secondRound`, the judge also scores a later round of the same
 * panel, so the desk shows its round picker too (one more row above the sheet).
 */
async function sheetSeed(
  criteria: CriterionDraft[],
  marks: number[],
  typed: string,
  secondRound = false,
): Promise<TableRows> {
  const seeded = await seedRound(criteria);
  const open = seeded.contestants.find((contestant) => contestant.name === DOTTED_NAME) as ContestantRecord;
  await fillSheet(seeded, open, marks, typed);
  if (secondRound) {
    await createRound(seeded.db, {
      competitionId: seeded.round.competitionId,
      name: '市级决赛第二场',
      criteria,
      panelFrom: seeded.round.id,
    });
  }
  await bindJudge(seeded.db, seeded.judge.id);
  await showRound(seeded.db, seeded.round.id);
  await openContestantSheet(seeded.db, open.id);
  const rows = await dumpTables(seeded.db);
  seeded.db.close();
  return rows;
}

/** The eight-criterion sheet marked in full and submitted: locked, with 申请修改. */
async function submittedSeed(): Promise<TableRows> {
  const seeded = await seedRound(EIGHT_CRITERIA);
  const open = seeded.contestants.find((contestant) => contestant.name === DOTTED_NAME) as ContestantRecord;
  const ref = { roundId: seeded.round.id, judgeId: seeded.judge.id, contestantId: open.id };
  const values = [1850, 1320, 1400, 900, 850, 800, 900, 850];
  for (const [index, criterion] of seeded.round.criteria.entries()) {
    await enterMark(seeded.db, { ...ref, criterionId: criterion.id, value: values[index] ?? 0 });
  }
  await submitSheet(seeded.db, ref);
  await bindJudge(seeded.db, seeded.judge.id);
  await openContestantSheet(seeded.db, open.id);
  const rows = await dumpTables(seeded.db);
  seeded.db.close();
  return rows;
}

async function listSeed(): Promise<TableRows> {
  const seeded = await seedRound(FIVE_CRITERIA);
  await bindJudge(seeded.db, seeded.judge.id);
  const rows = await dumpTables(seeded.db);
  seeded.db.close();
  return rows;
}

let fiveSheet: TableRows;
let eightSheet: TableRows;
let listOnly: TableRows;
let submitted: TableRows;

beforeAll(async () => {
  h = await startHarness();
  // 36.5 + 13 + 18 = 67.5; PPT制作 typed 16, over its max of 15.
  fiveSheet = await sheetSeed(FIVE_CRITERIA, [3650, 1300, 1800], '16', true);
  eightSheet = await sheetSeed(EIGHT_CRITERIA, [1850, 1320, 1400, 900, 850], '12');
  listOnly = await listSeed();
  submitted = await submittedSeed();
});

afterAll(async () => {
  await h?.close();
});

async function openJudgePage(size: (typeof TABLET_SIZES)[number], rows: TableRows | null): Promise<Page> {
  const page = await h.newPage(size);
  await page.goto('/judge');
  await page.getByText('请输入您的 8 位评委码').waitFor();
  if (rows) {
    await loadIntoPage(page, rows);
    await page.reload();
  }
  return page;
}

/** Parts of one criterion row, or of the sheet's footer, that cover each other. */
async function overlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const groups: [string, string[]][] = [
      ['.crit__main', ['.crit__label', '.crit__meta-part', '.crit__value', '.crit__state']],
      ['.crit', ['.crit__main', '.crit__step']],
      [
        '.judge-sheet__footer',
        ['.judge-total__label', '.judge-total__value', '.judge-total__of', '.judge-save'],
      ],
      ['.judge-sheet__header', ['h2', '.judge-sheet__who']],
    ];
    for (const [container, parts] of groups) {
      for (const box of Array.from(document.querySelectorAll(container))) {
        const shown = parts
          .flatMap((selector) => Array.from(box.querySelectorAll(selector)))
          .map((element) => ({ element, rect: element.getBoundingClientRect() }))
          .filter(({ rect }) => rect.width > 0 && rect.height > 0);
        for (let i = 0; i < shown.length; i++) {
          for (let j = i + 1; j < shown.length; j++) {
            const a = shown[i] as (typeof shown)[number];
            const b = shown[j] as (typeof shown)[number];
            if (a.element.contains(b.element) || b.element.contains(a.element)) continue;
            const x = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
            const y = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
            if (x > 1 && y > 1) {
              found.push(`"${a.element.textContent?.trim()}" overlaps "${b.element.textContent?.trim()}"`);
            }
          }
        }
      }
    }
    return found;
  });
}

/** Text a judge must read at arm's length, with the smallest size each may have (px). */
const READABLE: [string, number][] = [
  ['.crit__label', 22],
  ['.crit__value', 28],
  ['.judge-total__value', 28],
  ['.keypad__key', 22],
  ['.judge-sheet__header h2', 22],
  ['.crit__meta-part', 18],
  ['.crit__state', 18],
  ['.crit__error', 18],
  ['.judge-total__label', 18],
  ['.judge-total__of', 18],
  ['.judge-save', 18],
  ['.judge-keypad__target', 18],
  ['.judge-submit', 18],
  ['.judge-list__number', 18],
  ['.judge-list__name', 18],
  ['.judge-list__unit', 18],
  ['.judge-chip', 18],
  ['.judge-status__who h1', 18],
  ['.judge-status__facts dd', 18],
];

async function tooSmall(page: Page): Promise<string[]> {
  return page.evaluate((rules) => {
    const found: string[] = [];
    for (const [selector, least] of rules) {
      for (const element of Array.from(document.querySelectorAll(selector))) {
        if (element.getBoundingClientRect().width === 0) continue;
        const size = Number.parseFloat(getComputedStyle(element).fontSize);
        if (size < least) {
          found.push(
            `${selector} "${element.textContent?.trim().slice(0, 16)}" is ${size}px (at least ${least})`,
          );
          break;
        }
      }
    }
    return found;
  }, READABLE);
}

const SHEET_REQUIRED = {
  keypad: '.judge-sheet .keypad',
  total: '.judge-total',
  submit: '.judge-submit',
};
// The contestant list scrolls by design (a column in landscape, a strip in portrait); so may the
// criteria of a long sheet, inside their own box.
const SCROLLERS = ['.judge-list__items', '.judge-criteria'];

async function expectSheetLaidOut(page: Page, where: string) {
  await page.locator('.judge-sheet[data-ready="true"]').waitFor();
  await page.locator('.judge-sheet h2', { hasText: DOTTED_NAME }).waitFor();
  const problems = await layoutProblems(page, { required: SHEET_REQUIRED, scrollers: SCROLLERS });
  expect(formatProblems(problems), where).toBe('');
  expect(await overlaps(page), where).toEqual([]);
  expect(await tooSmall(page), where).toEqual([]);
  // …and inside the sheet's card, not hanging out of it.
  const outsideTheSheet = await page.evaluate((selectors) => {
    const sheet = document.querySelector('.judge-sheet')?.getBoundingClientRect();
    return selectors.filter((selector) => {
      const box = document.querySelector(selector)?.getBoundingClientRect();
      return !sheet || !box || box.bottom > sheet.bottom + 1 || box.right > sheet.right + 1;
    });
  }, Object.values(SHEET_REQUIRED));
  expect(outsideTheSheet, where).toEqual([]);
  // Every criterion can be reached: inside the viewport, or in a box that scrolls to it.
  const criteria = page.locator('.judge-criteria');
  const scrolls = await criteria.evaluate((list) => {
    const overflowY = getComputedStyle(list).overflowY;
    return list.scrollHeight > list.clientHeight + 1 && (overflowY === 'auto' || overflowY === 'scroll');
  });
  if (!scrolls) {
    const last = await page.locator('.crit').last().boundingBox();
    const viewport = page.viewportSize();
    expect((last?.y ?? 0) + (last?.height ?? 0), `${where}: the last criterion`).toBeLessThanOrEqual(
      viewport?.height ?? 0,
    );
  }
}

describe('the judge tablet at every common tablet size', () => {
  it.each(TABLET_SIZES.map((size) => ({ size, name: sizeName(size) })))(
    'lays out the sheet, the list and the join screen at $name',
    async ({ size, name }) => {
      const five = await openJudgePage(size, fiveSheet);
      await expectSheetLaidOut(five, `five criteria at ${name}`);
      expect(await five.locator('.judge-rounds').isVisible()).toBe(true);
      // The running total with the round's two decimals, as the host and the projector show it.
      expect(await five.locator('.judge-total__value').textContent()).toBe('67.50');
      await h.screenshot(five, `judge-sheet-${name}`);
      // The same sheet in English: longer words, still whole and on screen.
      await five.getByRole('button', { name: 'English' }).click();
      await five.getByRole('button', { name: 'Submit score sheet' }).waitFor();
      const english = await layoutProblems(five, { required: SHEET_REQUIRED, scrollers: SCROLLERS });
      expect(formatProblems(english), `English at ${name}`).toBe('');
      expect(await overlaps(five), `English at ${name}`).toEqual([]);
      await h.screenshot(five, `judge-sheet-en-${name}`);
      expect(h.errors(five)).toEqual([]);
      await five.close();

      const eight = await openJudgePage(size, eightSheet);
      await expectSheetLaidOut(eight, `eight criteria at ${name}`);
      await h.screenshot(eight, `judge-sheet-long-${name}`);
      // Criteria hidden below say so, until the judge has scrolled to the last one.
      const criteria = eight.locator('.judge-criteria');
      const box = eight.locator('.judge-criteria-box');
      const hidden = await criteria.evaluate((list) => list.scrollHeight > list.clientHeight + 2);
      if (hidden) {
        await criteria.evaluate((list) => list.scrollTo(0, 0));
        await expect.poll(() => box.getAttribute('data-more-below')).toBe('▼ 下面还有评分项');
        await criteria.evaluate((list) => list.scrollTo(0, list.scrollHeight));
        await expect.poll(() => box.getAttribute('data-more-below')).toBeNull();
      } else {
        expect(await box.getAttribute('data-more-below')).toBeNull();
      }
      await eight.close();

      const locked = await openJudgePage(size, submitted);
      await locked.getByText('已提交，评分表已锁定').waitFor();
      const lockedProblems = await layoutProblems(locked, {
        required: { total: '.judge-total', lock: '.judge-lock' },
        scrollers: SCROLLERS,
      });
      expect(formatProblems(lockedProblems), `locked sheet at ${name}`).toBe('');
      expect(await overlaps(locked), `locked sheet at ${name}`).toEqual([]);
      expect(await locked.locator('.judge-total__value').textContent()).toBe('88.70');
      await h.screenshot(locked, `judge-sheet-locked-${name}`);
      await locked.close();

      const list = await openJudgePage(size, listOnly);
      await list.getByRole('navigation', { name: '选手（出场顺序）' }).getByText(DOTTED_NAME).waitFor();
      const listProblems = await layoutProblems(list, {
        required: { list: '.judge-list', first: '.judge-list__item' },
        scrollers: SCROLLERS,
      });
      expect(formatProblems(listProblems), `list at ${name}`).toBe('');
      expect(await tooSmall(list), `list at ${name}`).toEqual([]);
      await h.screenshot(list, `judge-list-${name}`);
      await list.close();

      const join = await openJudgePage(size, null);
      const joinProblems = await layoutProblems(join, {
        required: { keypad: '.keypad', code: '.judge-join__code' },
      });
      expect(formatProblems(joinProblems), `join at ${name}`).toBe('');
      await h.screenshot(join, `judge-join-${name}`);
      await join.close();
    },
  );
});
