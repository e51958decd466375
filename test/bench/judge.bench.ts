/**
 * Benchmark of the judge screen (issues 4 and 13): `npm run bench -- judge`, or on its own
 *   node --import tsx test/bench/judge.bench.ts
 *
 * The device holds a round of 500 contestants x 20 judges x 5 criteria: 50,000 `mark.set`
 * events (and 9,999 `sheet.submit` events), with their projections, made by the domain's own
 * `applyEvents` from a round that the repository set up, then bulk-inserted into the page's
 * IndexedDB. The tablet is bound to judge 1, whose sheet for the last contestant is open.
 *
 * Figures, against the targets of the issue:
 * - navigation -> interactive (the sheet and its keypad rendered from IndexedDB, keys enabled),
 *   measured in the page from the navigation start; target <= 500 ms;
 * - keystroke -> committed: from the tap on a keypad key until another IndexedDB connection
 *   reads the new draft; target p95 <= 50 ms;
 * - a confirmed mark -> committed, target median <= 10 ms (issue 13): a tap on a stepper's + or −,
 *   or on the keypad's 确定 after a digit, until the new mark (a `mark.set` event, its projection
 *   and outbox row, in one transaction over a 60,000-event log) is readable; with where its time
 *   went, from the page's own IndexedDB transactions (see `TapProfile`).
 * Each is run as is, and with Chromium's CPU throttled 4x, a rough stand-in for a mid-range
 * tablet. A benchmark prints figures; it asserts nothing (exit status 0 unless it crashes).
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Page } from 'playwright-core';
import { renderTable } from '../../src/cli/table.ts';
import { LeitaiDB } from '../../src/db/database.ts';
import { createCompetition, createRound, importRoster } from '../../src/db/repository.ts';
import { applyEvents, emptyProjectionState, type LeitaiEvent } from '../../src/domain/events.ts';
import type { Id } from '../../src/domain/model.ts';
import { buildIfStale } from '../../src/server/build-if-stale.mjs';
import { startHarness } from '../e2e/harness.ts';
import { dumpTables, loadIntoPage, type TableRows } from '../e2e/seed-browser-db.ts';
import { seededRandom } from './synthetic-round.ts';

const CONTESTANTS = 500;
const JUDGES = 20;
const SHEET = [
  { label: '内容', max: 4000 },
  { label: '形象风采', max: 1500 },
  { label: '语言表达', max: 2000 },
  { label: 'PPT制作', max: 1500 },
  { label: '综合印象', max: 1000 },
];
const NAVIGATIONS = Math.max(10, Number(process.env.BENCH_RUNS) || 10);
const KEYSTROKES = 200;
const STEPS = 100;

const hex = (value: number) => value.toString(16).padStart(32, '0');

interface Seed {
  rows: TableRows;
  roundId: Id;
  judgeId: Id;
  contestantId: Id;
  criteria: Id[];
  markEvents: number;
}

/** The round through the repository, then 50,000 marks generated as events and folded. */
async function seedDevice(): Promise<Seed> {
  const db = new LeitaiDB({ indexedDB: new IDBFactory(), IDBKeyRange });
  const competition = await createCompetition(db, { name: '2026年昌吉市村党组织书记“擂台比武”' });
  const round = await createRound(db, { competitionId: competition.id, name: '乡镇初赛', criteria: SHEET });
  const { judges, contestants } = await importRoster(db, round.id, {
    judges: Array.from({ length: JUDGES }, (_, at) => ({ name: `评委${at + 1}`, title: '市委组织部' })),
    contestants: Array.from({ length: CONTESTANTS }, (_, at) => ({
      name: `选手${at + 1}`,
      unit: `第${(at % 40) + 1}村`,
      topic: '强村富民',
      draw: at + 1,
    })),
  });
  const rows = await dumpTables(db);
  db.close();

  const random = seededRandom(20261123);
  const events: LeitaiEvent[] = [];
  let id = 1;
  const last = contestants[CONTESTANTS - 1]?.id as Id;
  for (const judge of judges) {
    let deviceSeq = 0;
    const deviceId = hex(0xd0000 + judge.order);
    const event = (type: string, payload: object): LeitaiEvent =>
      ({
        id: hex(id++),
        deviceId,
        deviceSeq: ++deviceSeq,
        author: { role: 'judge', judgeId: judge.id },
        competitionId: competition.id,
        roundId: round.id,
        recordedAt: '2026-11-23T10:00:00.000Z',
        type,
        payload,
      }) as LeitaiEvent;
    for (const contestant of contestants) {
      for (const criterion of round.criteria) {
        const value = Math.round(((0.6 + 0.4 * random()) * criterion.max) / criterion.step) * criterion.step;
        events.push(
          event('mark.set', {
            judgeId: judge.id,
            contestantId: contestant.id,
            criterionId: criterion.id,
            value,
            revision: 1,
          }),
        );
      }
      // Every sheet is submitted but judge 1's for the last contestant, which stays open.
      if (!(judge === judges[0] && contestant.id === last)) {
        events.push(event('sheet.submit', { judgeId: judge.id, contestantId: contestant.id, revision: 1 }));
      }
    }
  }
  const { rows: projected } = applyEvents(emptyProjectionState(), events);
  const judgeId = judges[0]?.id as Id;
  rows.events = [...(rows.events ?? []), ...events];
  rows.marks = [...projected.marks.values()];
  rows.sheets = [...projected.sheets.values()];
  rows.judgeSession = [{ key: 'self', judgeId, roundId: round.id, contestantId: last, followedCalls: {} }];
  return {
    rows,
    roundId: round.id,
    judgeId,
    contestantId: last,
    criteria: round.criteria.map((criterion) => criterion.id),
    markEvents: events.filter((event) => event.type === 'mark.set').length,
  };
}

function summary(samples: number[]): { median: number; p95: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] as number;
  return { median: at(0.5), p95: at(0.95), max: sorted.at(-1) as number };
}

/**
 * Milliseconds from the navigation start until the open sheet's keypad can be used: keys
 * enabled, the judge's saved marks and the contestant list on screen; and from the judge
 * page's first render (after the app shell) to the same point.
 */
async function timeToInteractive(page: Page): Promise<{ total: number; judgePage: number }> {
  await page.goto('/judge', { waitUntil: 'commit' });
  const ready = await page.waitForFunction(
    () =>
      document.querySelector('.judge-sheet[data-ready] .keypad__key:not(:disabled)') !== null &&
      document.querySelector('.crit__state--saved') !== null &&
      document.querySelector('.judge-list__button') !== null
        ? performance.now()
        : false,
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  const total = (await ready.jsonValue()) as number;
  const mounted = await page.evaluate(() => (window as unknown as { __judgeMounted: number }).__judgeMounted);
  return { total, judgePage: total - mounted };
}

/**
 * One tap: `expect` is what the store holds once it is committed (no store: a tap that writes
 * nothing to wait for, such as selecting a criterion); `timed` taps are measured.
 */
type Tap = {
  selector: string;
  timed: boolean;
  /** Then also wait until this element shows this text: what the judge sees before the next tap. */
  shown?: { selector: string; text: string };
} & ({ store: 'drafts' | 'marks'; expect: string | number } | { store: null });

/**
 * Where a timed tap's time went, from the page's IndexedDB transactions (see `watchTransactions`):
 * from the tap until the app opened its write transaction; that transaction, from its opening to
 * its commit (waiting for the reads before it, then its own requests); and from the commit until
 * another connection read the value. `blocked`: the app's reads still running when the write
 * opened, which IndexedDB lets finish first, by their tables.
 */
interface TapProfile {
  latency: number;
  toWrite: number;
  write: number;
  toRead: number;
  blocked: string[];
  /** Of `write`: until the last of the `blocked` reads ended. */
  waited: number;
}

/**
 * In the page: taps each button in turn and, after each, reads the store from a connection of
 * its own until it holds the expected value; returns the timed taps' latencies and profiles.
 */
async function timeCommits(page: Page, options: { key: Id[]; taps: Tap[] }): Promise<TapProfile[]> {
  return page.evaluate(async ({ key, taps }) => {
    interface Logged {
      stores: string[];
      mode: IDBTransactionMode;
      created: number;
      done: number | null;
    }
    const log = (window as unknown as { __idbLog: Logged[] }).__idbLog;
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const opening = indexedDB.open('leitai');
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error);
    });
    (window as unknown as { __benchDb: IDBDatabase }).__benchDb = database;
    const read = (store: string) =>
      new Promise<unknown>((resolve, reject) => {
        const request = database.transaction(store).objectStore(store).get(key);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const profiles: TapProfile[] = [];
    for (const tap of taps) {
      const button = document.querySelector<HTMLButtonElement>(tap.selector);
      if (!button || button.disabled) throw new Error(`cannot tap ${tap.selector}`);
      const logged = log.length;
      const start = performance.now();
      button.click();
      while (tap.store !== null) {
        const row = (await read(tap.store)) as Record<string, unknown> | undefined;
        if (row?.[tap.store === 'drafts' ? 'text' : 'value'] === tap.expect) break;
        if (performance.now() - start > 15_000) {
          const shown = document.querySelector('.judge-sheet')?.textContent;
          throw new Error(
            `${tap.selector} never reached ${tap.expect}: ${JSON.stringify(row)}; on screen: ${shown}`,
          );
        }
      }
      const end = performance.now();
      while (tap.shown && document.querySelector(tap.shown.selector)?.textContent !== tap.shown.text) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        if (performance.now() - start > 15_000)
          throw new Error(`${tap.shown.selector} never showed ${tap.shown.text}`);
      }
      if (tap.timed && tap.store !== null) {
        const write = log
          .slice(logged)
          .find((entry) => entry.mode === 'readwrite' && entry.stores.includes(tap.store));
        const opened = write?.created ?? end;
        const committed = write?.done ?? end;
        const blockers = log.filter(
          (entry) =>
            entry.mode === 'readonly' &&
            entry.created < opened &&
            (entry.done === null || entry.done > opened) &&
            entry.stores.some((store) => write?.stores.includes(store)),
        );
        const blocked = blockers.map((entry) => entry.stores.join('+'));
        const waited = Math.max(
          0,
          ...blockers.map((entry) => Math.min(entry.done ?? committed, committed) - opened),
        );
        profiles.push({
          latency: end - start,
          toWrite: opened - start,
          write: committed - opened,
          toRead: end - committed,
          blocked,
          waited,
        });
      }
      // Let React render the result before the next tap, as a judge would.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
    database.close();
    return profiles;
  }, options);
}

/**
 * Logs every IndexedDB transaction the app opens (not the bench's own reads): its tables, mode,
 * and when it opened and ended.
 */
const watchTransactions = `(() => {
  const log = (window.__idbLog = []);
  const open = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    const transaction = open.apply(this, args);
    if (this === window.__benchDb) return transaction;
    const entry = { stores: [...transaction.objectStoreNames], mode: transaction.mode, created: performance.now(), done: null };
    log.push(entry);
    const end = () => { entry.done = performance.now(); };
    transaction.addEventListener('complete', end);
    transaction.addEventListener('abort', end);
    return transaction;
  };
})();`;

/** The functions of a CPU profile (Chromium's, through CDP) with the most self time, by name and file. */
function topSelfTime(profile: {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}): string {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const self = new Map<string, number>();
  let total = 0;
  (profile.samples ?? []).forEach((id, at) => {
    const frame = nodes.get(id);
    const micros = profile.timeDeltas?.[at] ?? 0;
    total += micros;
    if (!frame) return;
    const file = frame.url.split('/').pop() || '(native)';
    const name = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + micros);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(
      ([name, micros]) =>
        `  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${((100 * micros) / total).toFixed(1).padStart(5)} %  ${name}`,
    )
    .join('\n');
}

/** The figures of one measure, and where the time of its median tap went. */
function profileRow(profiles: TapProfile[]): string {
  const median = (pick: (profile: TapProfile) => number) => summary(profiles.map(pick)).median.toFixed(1);
  const blockedBy = new Map<string, number>();
  for (const profile of profiles) {
    for (const stores of new Set(profile.blocked)) blockedBy.set(stores, (blockedBy.get(stores) ?? 0) + 1);
  }
  const blockers = [...blockedBy]
    .sort((a, b) => b[1] - a[1])
    .map(([stores, taps]) => `${stores} (${taps}/${profiles.length} taps)`)
    .join(', ');
  return (
    `tap -> write opened ${median((p) => p.toWrite)} ms, write transaction ${median((p) => p.write)} ms ` +
    `(of which waiting for reads before it ${median((p) => p.waited)} ms), ` +
    `commit -> read back ${median((p) => p.toRead)} ms (medians); reads in flight when the write opened: ${blockers || 'none'}`
  );
}

await buildIfStale({ log: (message) => console.log(`[bench] ${message}`) });
const started = performance.now();
const seed = await seedDevice();
const eventCount = seed.rows.events?.length ?? 0;
console.log(
  `Seeded ${seed.markEvents.toLocaleString('en-US')} mark events (${eventCount.toLocaleString('en-US')} events in all, ` +
    `${seed.rows.marks?.length.toLocaleString('en-US')} marks, ${seed.rows.sheets?.length.toLocaleString('en-US')} sheets) ` +
    `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

const harness = await startHarness();
const results: string[][] = [];
const profiles: string[] = [];
let cpuProfile = '';
const latencies = (taps: TapProfile[]) => taps.map((tap) => tap.latency);
try {
  const page = await harness.newPage({ width: 1280, height: 800 });
  // tsx names the functions it compiles with a __name helper, which the page does not have.
  const defineName = 'window.__name = (target) => target;';
  // When the judge page's own code first renders (its loading line), to tell its share of the
  // time from the app shell's (the lazy chunk, React's Suspense reveal).
  const watchMount = `new MutationObserver((_, observer) => {
    if (document.querySelector('.judge-loading, .judge')) {
      window.__judgeMounted = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });`;
  await page.addInitScript({ content: `${defineName}\n${watchMount}\n${watchTransactions}` });
  await page.goto('/judge');
  await page.getByText('请输入您的 8 位评委码').waitFor();
  const loading = performance.now();
  await loadIntoPage(page, seed.rows);
  console.log(`Loaded into Chromium's IndexedDB in ${((performance.now() - loading) / 1000).toFixed(1)} s`);
  await timeToInteractive(page); // warm-up: the service worker's first visit, the caches

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  for (const throttle of [1, 4]) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    const navigation: number[] = [];
    const judgePage: number[] = [];
    for (let run = 0; run < NAVIGATIONS; run++) {
      const { total, judgePage: own } = await timeToInteractive(page);
      navigation.push(total);
      judgePage.push(own);
    }

    const [content, presence] = seed.criteria as [Id, Id];
    const draftKey = [seed.roundId, seed.judgeId, seed.contestantId, content];
    // 内容 is the open criterion: "1", then ⌫, over and over.
    const keystrokes = await timeCommits(page, {
      key: draftKey,
      taps: Array.from({ length: KEYSTROKES }, (_, at) =>
        at % 2 === 0
          ? { selector: '.keypad button[style*="k1"]', store: 'drafts', expect: '1', timed: true }
          : { selector: '.keypad button[style*="bs"]', store: 'drafts', expect: '', timed: true },
      ),
    });
    const markOf = (criterionId: Id) =>
      (seed.rows.marks as { contestantId: Id; judgeId: Id; criterionId: Id; value: number }[]).find(
        (mark) =>
          mark.contestantId === seed.contestantId &&
          mark.judgeId === seed.judgeId &&
          mark.criterionId === criterionId,
      )?.value as number;
    // The + and − of 形象风采 commit a mark each: a mark.set event.
    const base = markOf(presence);
    const rowOf = (position: number) => `.judge-criteria > li:nth-child(${position})`;
    if (throttle === 1) await cdp.send('Profiler.start');
    const steps = await timeCommits(page, {
      key: [seed.roundId, seed.judgeId, seed.contestantId, presence],
      taps: Array.from({ length: STEPS }, (_, at) => ({
        selector: `${rowOf(2)} .crit__step:${at % 2 === 0 ? 'last' : 'first'}-child`,
        store: 'marks',
        expect: at % 2 === 0 ? base + 10 : base,
        timed: true,
      })),
    });
    if (throttle === 1) cpuProfile = topSelfTime((await cdp.send('Profiler.stop')).profile);
    // The keypad: select 内容, type "3" (or "2"), and 确定 commits 3 (or 2) as a mark.set.
    const confirms = await timeCommits(page, {
      key: [seed.roundId, seed.judgeId, seed.contestantId, content],
      taps: Array.from({ length: STEPS }, (_, at): Tap[] => {
        const digit = at % 2 === 0 ? '3' : '2';
        return [
          { selector: `${rowOf(1)} .crit__main`, store: null, timed: false },
          {
            selector: `.keypad button[style*="k${digit}"]`,
            store: 'drafts',
            expect: digit,
            timed: false,
            // 确定 acts on what the sheet shows, so the judge taps it once the digit is there.
            shown: { selector: `${rowOf(1)} .crit__value`, text: digit },
          },
          {
            selector: '.keypad button[style*="ok"]',
            store: 'marks',
            expect: Number(digit) * 100,
            timed: true,
          },
        ];
      }).flat(),
    });
    const label = throttle === 1 ? 'as is' : `CPU ${throttle}x slower`;
    const row = (what: string, samples: number[], target: string) => {
      const { median, p95, max } = summary(samples);
      results.push([
        what,
        label,
        String(samples.length),
        median.toFixed(1),
        p95.toFixed(1),
        max.toFixed(1),
        target,
      ]);
    };
    row('navigation -> interactive', navigation, '<= 500 ms');
    row('  of which: judge page mounted -> interactive', judgePage, '');
    row('keystroke -> draft committed', latencies(keystrokes), 'p95 <= 50 ms');
    row('stepper -> mark.set committed', latencies(steps), 'median <= 10 ms');
    row('keypad 确定 -> mark.set committed', latencies(confirms), 'median <= 10 ms');
    profiles.push(
      `stepper, ${label}: ${profileRow(steps)}`,
      `keypad 确定, ${label}: ${profileRow(confirms)}`,
    );
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const errors = harness.errors(page);
  if (errors.length > 0) console.log(`Page errors: ${errors.join('; ')}`);
} finally {
  await harness.close();
}

console.log(
  `\nJudge screen with ${seed.markEvents.toLocaleString('en-US')} mark events in IndexedDB ` +
    `(${CONTESTANTS} contestants x ${JUDGES} judges x ${SHEET.length} criteria), Chromium 1280x800, times in ms:\n`,
);
const columns = [
  { heading: 'measure' },
  { heading: 'CPU' },
  { heading: 'runs', align: 'right' },
  { heading: 'median', align: 'right' },
  { heading: 'p95', align: 'right' },
  { heading: 'max', align: 'right' },
  { heading: 'target' },
] as const;
console.log(renderTable(columns, [{ rows: results }]));
console.log(`\nWhere a confirmed mark's time goes:\n${profiles.map((line) => `- ${line}`).join('\n')}`);
console.log(`\nThe page's main thread during the stepper taps (CPU as is), self time:\n${cpuProfile}`);
