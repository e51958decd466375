// The budgets every screen is held to, checked on the production build (built when stale):
//   - initial JavaScript: at most 150 KB gzipped for each role's page (js-budget.ts);
//   - Lighthouse: at least 95 for performance, accessibility and best practices on the judge's,
//     the host's, the projector's and the organizer's screens (lighthouse.ts);
//   - axe: no serious or critical violation on any screen (axe.ts).
// Prints every figure, so that a change that costs something shows it; exits 1 when a budget is
// exceeded. `npm run budgets [-- --only=js,axe] [--runs=5] [--reports=test-results/lighthouse]`
// (the last keeps each Lighthouse report); .ci/run runs all of it.
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildIfStale, projectRoot } from '../../src/server/build-if-stale.mjs';
import { startStaticServer } from '../../src/server/static-server.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/harness';
import { runAxe } from './axe';
import {
  JS_BUDGET_BYTES,
  measureInitialJs,
  measureVotingPage,
  readManifest,
  screens,
  VOTING_PAGE_BUDGET_BYTES,
} from './js-budget';
import { CATEGORIES, LIGHTHOUSE_MIN_SCORE, runLighthouse } from './lighthouse';

type Check = 'js' | 'lighthouse' | 'axe';

function option(name: string): string | undefined {
  return process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const checks = new Set((option('only') ?? 'js,lighthouse,axe').split(',') as Check[]);
const runs = Number(option('runs') ?? 5);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1, not ${runs}`);

const dist = join(projectRoot, 'dist');
const failures: string[] = [];
const kb = (bytes: number) => (bytes / 1000).toFixed(1);

function table(head: string[], rows: (string | number)[][]): void {
  const cells = [head, ...rows.map((row) => row.map(String))];
  const widths = head.map((_, column) => Math.max(...cells.map((row) => [...(row[column] ?? '')].length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  console.log(line(head));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of cells.slice(1)) console.log(line(row));
}

await buildIfStale({ log: (message: string) => console.log(`== ${message}`) });

if (checks.has('js')) {
  console.log(`\n== Initial JavaScript (gzip), budget ${kb(JS_BUDGET_BYTES)} kB per role's page`);
  const manifest = readManifest(dist);
  const figures = measureInitialJs(dist, manifest, screens(projectRoot, manifest));
  const rows = figures.map((figure) => {
    // A role's page is budgeted; a part opened directly (a round's tab) is shown for the record.
    const budgeted = !figure.name.includes(' + ');
    const over = budgeted && figure.gzipBytes > JS_BUDGET_BYTES;
    if (over)
      failures.push(`initial JS of ${figure.name}: ${kb(figure.gzipBytes)} kB > ${kb(JS_BUDGET_BYTES)} kB`);
    return [
      figure.name,
      kb(figure.gzipBytes),
      kb(figure.rawBytes),
      figure.files.length,
      kb(figure.cssGzipBytes),
      budgeted ? (over ? 'OVER' : 'ok') : 'not budgeted',
    ];
  });
  const voting = measureVotingPage(dist, manifest);
  const votingOver = voting.gzipBytes > VOTING_PAGE_BUDGET_BYTES;
  if (votingOver) {
    failures.push(
      `initial JS of ${voting.name}: ${kb(voting.gzipBytes)} kB > ${kb(VOTING_PAGE_BUDGET_BYTES)} kB`,
    );
  }
  rows.push([
    voting.name,
    kb(voting.gzipBytes),
    kb(voting.rawBytes),
    voting.files.length,
    kb(voting.cssGzipBytes),
    votingOver ? 'OVER' : `ok (budget ${kb(VOTING_PAGE_BUDGET_BYTES)})`,
  ]);
  table(['screen', 'JS gz kB', 'JS raw kB', 'files', 'CSS gz kB', 'budget'], rows);
}

if (checks.has('lighthouse') || checks.has('axe')) {
  const server = await startStaticServer({ root: dist, port: 0, host: '127.0.0.1' });
  try {
    if (checks.has('lighthouse')) {
      console.log(
        `\n== Lighthouse (mobile, median of ${runs}), budget ${LIGHTHOUSE_MIN_SCORE} on the budgeted screens`,
      );
      const figures = await runLighthouse(server.url, runs, option('reports') ?? null);
      const rows = figures.map((figure) => {
        const low = CATEGORIES.filter((category) => figure.median[category] < LIGHTHOUSE_MIN_SCORE);
        if (figure.budgeted && low.length > 0) {
          failures.push(
            `Lighthouse on ${figure.screen} (${figure.path}): ${low.map((c) => `${c} ${figure.median[c]}`).join(', ')}` +
              ` < ${LIGHTHOUSE_MIN_SCORE}; losing points: ${figure.failing.join(', ') || 'none listed'}`,
          );
        }
        return [
          `${figure.screen} (${figure.path})`,
          ...CATEGORIES.map(
            (category) => `${figure.median[category]} [${figure.runs.map((run) => run[category]).join(' ')}]`,
          ),
          `${Math.round(figure.metrics.fcp)} ms`,
          `${Math.round(figure.metrics.lcp)} ms`,
          `${Math.round(figure.metrics.tbt)} ms`,
          figure.metrics.cls.toFixed(3),
          figure.budgeted ? (low.length > 0 ? 'BELOW' : 'ok') : 'not budgeted',
        ];
      });
      table(
        [
          'screen',
          'performance [runs]',
          'accessibility',
          'best practices',
          'FCP',
          'LCP',
          'TBT',
          'CLS',
          'budget',
        ],
        rows,
      );
      for (const figure of figures) {
        if (figure.failing.length > 0)
          console.log(`  ${figure.screen}: audits below 90: ${figure.failing.join(', ')}`);
      }
    }

    if (checks.has('axe')) {
      console.log('\n== axe: violations by impact (elements), budget: no serious or critical on any screen');
      const browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: CHROMIUM_ARGS,
        headless: true,
      });
      try {
        const figures = await runAxe(browser, server.url);
        table(
          ['screen', 'critical', 'serious', 'moderate', 'minor', 'budget'],
          figures.map((figure) => {
            const blocked = figure.blocking.length > 0;
            if (blocked) failures.push(`axe on ${figure.screen}:\n    ${figure.blocking.join('\n    ')}`);
            const { critical, serious, moderate, minor } = figure.counts;
            return [figure.screen, critical, serious, moderate, minor, blocked ? 'VIOLATIONS' : 'ok'];
          }),
        );
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
  }
}

if (failures.length > 0) {
  console.log(`\n== ${failures.length} budget(s) exceeded:`);
  for (const failure of failures) console.log(`  - ${failure}`);
  process.exit(1);
}
console.log('\n== Every budget is met.');
