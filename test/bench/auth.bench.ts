// Guessing bench on loopback, against the real venue server process: how fast an attacker with
// many addresses (127.0.0.2 … 127.0.0.41, all this machine's loopback) gets wrong passwords and
// wrong join codes answered, and what the guessing does to everyone else's requests (the
// latency of GET /api/v1/hello before and during). Bounded in time; prints figures, decides nothing.

import { rm } from 'node:fs/promises';
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { PROTOCOL_VERSION } from '../../src/sync/protocol';
import { startVenueProcess } from '../e2e/venue-process';

const ADDRESSES = Array.from({ length: 40 }, (_, i) => `127.0.0.${i + 2}`);
const PHASE_MS = 8000;

function call(
  base: URL,
  path: string,
  body: unknown,
  localAddress = '127.0.0.1',
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        path: `/api/v1${path}`,
        method: payload === undefined ? 'GET' : 'POST',
        localAddress,
        headers: {
          'leitai-protocol': String(PROTOCOL_VERSION),
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function helloLatency(base: URL, until: number): Promise<number[]> {
  const samples: number[] = [];
  while (performance.now() < until) {
    const started = performance.now();
    await call(base, '/hello', undefined);
    samples.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return samples.sort((a, b) => a - b);
}

/** Every address guesses as fast as it is answered; counts the answers that checked a guess. */
async function guess(base: URL, path: string, body: () => unknown, wrongCode: string, until: number) {
  let checked = 0;
  let refused = 0;
  await Promise.all(
    ADDRESSES.map(async (address) => {
      while (performance.now() < until) {
        const answer = await call(base, path, body(), address);
        if (answer.text.includes(wrongCode)) checked += 1;
        else refused += 1;
      }
    }),
  );
  return { checked, refused };
}

function report(label: string, samples: number[]): void {
  console.log(
    `${label.padEnd(34)} hello p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms (${samples.length} samples)`,
  );
}

const server = await startVenueProcess({ httpsPort: null });
try {
  const base = new URL(server.httpUrl);
  const claimed = await call(base, '/claim', {
    claimCode: server.claimCode,
    password: '擂台2026-bench',
    deviceId: 'bench-organizer',
  });
  if (claimed.status !== 200) throw new Error(`claim failed: ${claimed.text}`);

  report('quiet', await helloLatency(base, performance.now() + 3000));

  const passwordEnd = performance.now() + PHASE_MS;
  const [passwordLatency, passwords] = await Promise.all([
    helloLatency(base, passwordEnd),
    guess(
      base,
      '/login',
      () => ({ password: `guess-${Math.random()}`, deviceId: 'guesser' }),
      'badPassword',
      passwordEnd,
    ),
  ]);
  report('during password guessing', passwordLatency);
  console.log(
    `  ${ADDRESSES.length} addresses: ${passwords.checked} passwords checked in ${PHASE_MS / 1000} s (${(passwords.checked / (PHASE_MS / 1000)).toFixed(1)}/s), ${passwords.refused} refused unchecked`,
  );

  const codeEnd = performance.now() + PHASE_MS;
  const [codeLatency, codes] = await Promise.all([
    helloLatency(base, codeEnd),
    guess(
      base,
      '/join/judge',
      () => ({ code: String(Math.floor(Math.random() * 1e8)).padStart(8, '0'), deviceId: 'guesser' }),
      'badJoinCode',
      codeEnd,
    ),
  ]);
  report('during join-code guessing', codeLatency);
  const perSecond = codes.checked / (PHASE_MS / 1000);
  console.log(
    `  ${ADDRESSES.length} addresses: ${codes.checked} codes checked (${perSecond.toFixed(1)}/s), ${codes.refused} refused unchecked; ` +
      `all 10^8 codes would take ${(1e8 / perSecond / 86_400).toFixed(0)} days`,
  );
} finally {
  await server.stop();
  await rm(server.dataDir, { recursive: true, force: true });
}
