// The venue server as a real process (`node src/server/start.mjs`), for the sync e2e tests and
// the sync bench: started on free ports of 127.0.0.1 with its own data directory, killed and
// restarted at will.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/server/build-if-stale.mjs';

export interface VenueProcess {
  httpUrl: string;
  /** null with https off. */
  httpsUrl: string | null;
  /** Printed only until the server is claimed. */
  claimCode: string | null;
  projectorCode: string;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  /** Stops the process (SIGTERM: a clean shutdown; SIGKILL: as a power cut) and waits for it. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface VenueProcessOptions {
  dataDir?: string;
  httpPort?: number;
  httpsPort?: number | null;
  extraArgs?: string[];
}

export async function newDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'leitai-venue-'));
}

export async function startVenueProcess(options: VenueProcessOptions = {}): Promise<VenueProcess> {
  const dataDir = options.dataDir ?? (await newDataDir());
  const args = ['src/server/start.mjs', '--no-build', '--host', '127.0.0.1', '--data-dir', dataDir];
  args.push('--port', String(options.httpPort ?? 0));
  if (options.httpsPort === null) args.push('--no-https');
  else args.push('--https-port', String(options.httpsPort ?? 0));
  args.push(...(options.extraArgs ?? []));
  const child = spawn(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the venue server did not start:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (/Projector code: \d+/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the venue server exited (${code}):\n${out}`));
    });
  });
  await ready;
  const httpUrl = /On this machine:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
  if (!httpUrl) throw new Error(`no URL printed:\n${out}`);
  const claim = /Claim code: (\d{4}) (\d{4})/.exec(out);
  return {
    httpUrl,
    httpsUrl: /本机安全连接:\s+(https:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? null,
    claimCode: claim ? `${claim[1]}${claim[2]}` : null,
    projectorCode: /Projector code: (\d+)/.exec(out)?.[1] as string,
    dataDir,
    child,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}

/** The port of a URL, to restart a server where its devices expect it. */
export function portOf(url: string): number {
  return Number(new URL(url).port);
}
