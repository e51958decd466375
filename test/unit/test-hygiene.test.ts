// @vitest-environment node
/**
 * The test suites stay honest: nothing is retried (a flaky test is a race to fix, not to hide),
 * no test is focused with `.only` (CI would skip the rest), and no test sleeps: a test waits
 * for a condition (findBy, waitFor, expect.poll, test/e2e/waiting.ts) or moves a fake clock,
 * never for a time after which "nothing happened". The few timers a test may set are listed
 * below with the reason, so a new one is a decision, not an accident.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
/** This file names the patterns it looks for, so it is not scanned itself. */
const self = relative(root, import.meta.filename);

function sourcesUnder(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|tsx|mts|mjs|js)$/.test(file))
    .map((file) => join(folder, file));
}

/** The suites (vitest.config.ts: the unit and e2e projects), their configuration, and CI. */
const files = [
  ...sourcesUnder('test/unit'),
  ...sourcesUnder('test/e2e'),
  'vitest.config.ts',
  'vite.config.ts',
  'package.json',
  '.ci/run',
]
  .filter((file) => file !== self)
  .map((file) => ({ file, code: withoutComments(readFileSync(join(root, file), 'utf8')) }));

/** Comments say why, and may well mention a retry or a sleep; only code counts. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|(^|[^:'"`])\/\/.*$/gm, '$1').replace(/^\s*#.*$/gm, '');
}

const offenders = (pattern: RegExp) => files.filter(({ code }) => pattern.test(code)).map(({ file }) => file);

/**
 * The only files that may start a timer, and why. Each is a deadline or a turn of the event loop,
 * never a pause before an assertion. Fake timers a test hands to the code (`setTimeout: (run,
 * ms) => ...`) are definitions, not calls, and need no entry.
 */
const TIMERS: Record<string, string> = {
  'test/e2e/waiting.ts': 'the poll of until(), which waits for a condition',
  'test/e2e/venue-process.ts': 'a deadline for the venue server to start, which then fails',
  'test/e2e/static-server.test.ts': 'a deadline for the printed URL, which then fails',
  'test/e2e/server-fuzz.test.ts': 'a deadline on a probe the server must answer or close',
  'test/e2e/venue-hardening.test.ts': 'a deadline on a connection the server must close',
  'test/e2e/node-device.ts': 'a socket’s close handler called on the next turn, as a socket does',
};

describe('test hygiene', () => {
  it('scans both suites and their configuration', () => {
    const scanned = files.map(({ file }) => file);
    expect(scanned).toEqual(
      expect.arrayContaining(['test/unit/setup.ts', 'test/e2e/waiting.ts', 'vitest.config.ts']),
    );
    expect(scanned.length).toBeGreaterThan(100);
  });

  it('retries nothing: no retry option, no --retry', () => {
    expect(offenders(/\bretry\s*:|--retry\b/)).toEqual([]);
  });

  it('focuses no test with .only', () => {
    expect(offenders(/\.only\b/)).toEqual([]);
  });

  it('never sleeps: no sleep(), no waitForTimeout, and timers only where listed', () => {
    expect(offenders(/\bsleep\s*\(|\bwaitForTimeout\s*\(/)).toEqual([]);
    // A call, not a definition that takes a typed parameter (a fake clock's `setTimeout(run: ...)`).
    expect(offenders(/\bset(Timeout|Interval)\s*\((?!\s*[\w$]+\s*:)/).sort()).toEqual(
      Object.keys(TIMERS).sort(),
    );
  });
});
