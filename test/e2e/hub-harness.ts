// The county hub as a real process (`node src/hub/start.mjs`, what `npm run hub` runs) on a real
// PostgreSQL, and a TCP relay between a venue and the hub that can cut the line: for the hub's
// end-to-end test and its load benchmark.
import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { projectRoot } from '../../src/server/build-if-stale.mjs';
import { until } from './waiting';

export const HUB_ADMIN_SECRET = 'e2e-hub-admin-secret';
export const HUB_DASHBOARD_CODE = 'e2e-hub-dashboard-code';

export interface HubProcess {
  url: string;
  port: number;
  output(): string;
  /** SIGTERM: a clean stop; SIGKILL: as a crash of the hub's machine. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startHubProcess(databaseUrl: string, port = 0): Promise<HubProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['src/hub/start.mjs', '--host', '127.0.0.1', '--port', String(port)],
    {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, HUB_ADMIN_SECRET, HUB_DASHBOARD_CODE },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  await until(
    () => {
      if (exited) throw new Error(`the hub exited:\n${out}`);
      return /Address: http:\/\/127\.0\.0\.1:\d+/.test(out);
    },
    () => `the hub to start:\n${out}`,
  );
  const url = /Address: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] as string;
  return {
    url,
    port: Number(new URL(url).port),
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (exited) return;
      child.kill(signal);
      await exit;
    },
  };
}

/** A TCP line to `targetPort` on loopback that the test can cut (as a venue's uplink going down). */
export interface Line {
  url: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startLine(targetPort: number): Promise<Line> {
  let up = true;
  const open = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    if (!up) {
      inbound.destroy();
      return;
    }
    const outbound = connect(targetPort, '127.0.0.1');
    for (const socket of [inbound, outbound]) {
      open.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        open.delete(socket);
        inbound.destroy();
        outbound.destroy();
      });
    }
    inbound.pipe(outbound);
    outbound.pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      up = false;
      for (const socket of open) socket.destroy();
    },
    restore() {
      up = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
