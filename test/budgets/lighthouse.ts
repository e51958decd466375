// Lighthouse (its default, mobile profile: a mid-range phone on slow 4G, simulated) on the
// screens a venue runs on, each in the state it is used in: the judge's score sheet, the host
// console and the projector with the demo competition, the organizer's competitions. Chromium is
// started by Playwright with a persistent profile, so that the screens' IndexedDB can be filled
// before Lighthouse connects to the same browser; before each run the service worker, its caches
// and the HTTP cache are cleared, so every run is a first load. Scores vary from run to run (the
// machine is shared): each budgeted screen runs several times and the median counts.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/harness';
import { judgeTabletRows, loadDemo, openJudgeSheet } from './screens';

export const LIGHTHOUSE_MIN_SCORE = 95;

type Report = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];
export const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface LighthouseTarget {
  screen: string;
  path: string;
  /** Held to LIGHTHOUSE_MIN_SCORE; the others are printed only. */
  budgeted: boolean;
}

export const LIGHTHOUSE_TARGETS: LighthouseTarget[] = [
  { screen: 'judge: score sheet', path: '/judge', budgeted: true },
  { screen: 'host console', path: '/stage', budgeted: true },
  { screen: 'projector', path: '/projector', budgeted: true },
  { screen: 'organizer', path: '/organizer', budgeted: true },
  { screen: 'home', path: '/', budgeted: false },
  { screen: 'results', path: '/results', budgeted: false },
];

export interface LighthouseFigure extends LighthouseTarget {
  /** Median score (0–100) per category, and every run's. */
  median: Record<Category, number>;
  runs: Record<Category, number>[];
  /** Median of the runs' metrics, for the table. */
  metrics: { fcp: number; lcp: number; tbt: number; cls: number };
  /** Audits that lost points in the median run, to say why a score is low. */
  failing: string[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/** `reports`: a folder to keep each run's report in (HTML), to see why a score is what it is. */
export async function runLighthouse(
  baseUrl: string,
  runs: number,
  reports: string | null = null,
): Promise<LighthouseFigure[]> {
  const port = await freePort();
  const profile = await mkdtemp(join(tmpdir(), 'leitai-lighthouse-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`],
    headless: true,
    baseURL: baseUrl,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await loadDemo(page);
    await openJudgeSheet(page, await judgeTabletRows());
    await page.goto('about:blank');
    const cdp = await context.newCDPSession(page);

    const figures: LighthouseFigure[] = [];
    for (const target of LIGHTHOUSE_TARGETS) {
      const results: Report[] = [];
      // The screens printed for the record run once.
      for (let run = 0; run < (target.budgeted ? runs : 1); run += 1) {
        // A first load every time, with the screen's data in IndexedDB.
        await cdp.send('Storage.clearDataForOrigin', {
          origin: baseUrl,
          storageTypes: 'service_workers,cache_storage',
        });
        await cdp.send('Network.clearBrowserCache');
        const result = await lighthouse(`${baseUrl}${target.path}`, {
          port,
          output: 'html',
          logLevel: 'error',
          onlyCategories: [...CATEGORIES],
          disableStorageReset: true,
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${target.path}`);
        if (result.lhr.runtimeError) {
          throw new Error(`Lighthouse on ${target.path}: ${result.lhr.runtimeError.message}`);
        }
        results.push(result.lhr);
        if (reports) {
          await mkdir(reports, { recursive: true });
          const name = `${target.path.replace(/\//g, '') || 'home'}-${run + 1}.html`;
          await writeFile(join(reports, name), result.report as string);
        }
      }
      const scores = results.map((lhr) => {
        const score = {} as Record<Category, number>;
        for (const category of CATEGORIES)
          score[category] = Math.round((lhr.categories[category]?.score ?? 0) * 100);
        return score;
      });
      const medianScores = {} as Record<Category, number>;
      for (const category of CATEGORIES)
        medianScores[category] = median(scores.map((score) => score[category]));
      const performance = scores.map((score) => score.performance);
      const middle = results[performance.indexOf(median(performance))] ?? results[0];
      const metric = (id: string) => median(results.map((lhr) => lhr.audits[id]?.numericValue ?? Number.NaN));
      figures.push({
        ...target,
        median: medianScores,
        runs: scores,
        metrics: {
          fcp: metric('first-contentful-paint'),
          lcp: metric('largest-contentful-paint'),
          tbt: metric('total-blocking-time'),
          cls: metric('cumulative-layout-shift'),
        },
        failing: Object.values(middle?.audits ?? {})
          .filter(
            (audit) =>
              audit.score !== null &&
              audit.score < 0.9 &&
              audit.scoreDisplayMode !== 'informative' &&
              audit.scoreDisplayMode !== 'notApplicable' &&
              audit.scoreDisplayMode !== 'manual',
          )
          .map((audit) => `${audit.id}${audit.displayValue ? ` (${audit.displayValue})` : ''}`),
      });
    }
    return figures;
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}
