/**
 * The venue server put together: storage in the data directory, certificates, the network
 * server, and what the organizer reads in the terminal. src/server/start.mjs (`npm start`)
 * parses the flags, builds the app when needed, then calls `runVenueServer`.
 */

import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { VenueCore } from './core';
import { startVenueServer, VOTING_PAGE_PATH } from './http';
import { HubRelay } from './hub-relay';
import { VenueStore } from './store';
import { localTls, suppliedTls, type TlsMaterial } from './tls';

export interface VenueOptions {
  staticRoot: string;
  dataDir: string;
  host: string;
  httpPort: number;
  /** null: plain http only. */
  httpsPort: number | null;
  /** A certificate and key supplied by the organizer, instead of the local authority's. */
  certFile: string | null;
  keyFile: string | null;
  /** 大众投票: audience phones per client address; null for the default (./audience.ts). */
  phonesPerAddress?: number | null;
  /** The county hub this venue relays its events to (--hub, --venue-key); null: none. */
  hub?: { url: string; venueKey: string } | null;
}

/** This laptop's IPv4 addresses on the venue's network (not loopback). */
export function lanAddresses(): string[] {
  const found: string[] = [];
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) found.push(address.address);
    }
  }
  return found;
}

function urlHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

function tlsFor(options: VenueOptions, lan: string[]): TlsMaterial | null {
  if (options.httpsPort === null) return null;
  if (options.certFile && options.keyFile) return suppliedTls(options.certFile, options.keyFile);
  const machine = hostname().toLowerCase();
  const dns = [...new Set(['leitai.local', `${machine}.local`, 'localhost'])];
  const bound = options.host === '0.0.0.0' || options.host === '::' ? [] : [options.host];
  const ips = [...new Set(['127.0.0.1', '::1', ...lan, ...bound])];
  return localTls(options.dataDir, { dns, ips }, machine);
}

/**
 * The data directory, for this laptop's user alone (0700): the database holds every mark, the
 * organizer's password hash and the devices' tokens; tls/ the authority's key. Made so, or made
 * so again when an older version left it readable to all. Returns the database file, created
 * owner-only (0600) before SQLite opens it: SQLite gives its -wal and -shm files the same mode.
 */
function privateDataDir(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const database = join(dataDir, 'leitai.sqlite');
  closeSync(openSync(database, 'a', 0o600));
  for (const file of [database, `${database}-wal`, `${database}-shm`]) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }
  return database;
}

export async function runVenueServer(options: VenueOptions): Promise<{ close(): Promise<void> }> {
  const store = new VenueStore(privateDataDir(options.dataDir));
  const core = new VenueCore({
    store,
    audienceLimits: options.phonesPerAddress ? { phonesPerAddress: options.phonesPerAddress } : {},
  });
  const everywhere = options.host === '0.0.0.0' || options.host === '::';
  const lan = everywhere ? lanAddresses() : [];
  const tls = tlsFor(options, lan);
  let server: Awaited<ReturnType<typeof startVenueServer>>;
  try {
    server = await startVenueServer({
      core,
      staticRoot: options.staticRoot,
      host: options.host,
      httpPort: options.httpPort,
      https: tls && options.httpsPort !== null ? { port: options.httpsPort, tls } : null,
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const first = everywhere ? lan[0] : options.host;
  if (first) {
    core.publicBaseUrl =
      server.httpsPort !== null
        ? `https://${urlHost(first)}:${server.httpsPort}`
        : `http://${urlHost(first)}:${server.httpPort}`;
    core.audienceUrl = `http://${urlHost(first)}:${server.httpPort}${VOTING_PAGE_PATH}`;
  }
  // In the background: the hall never waits for the hub (./hub-relay.ts).
  const relay = options.hub
    ? new HubRelay({
        store,
        serverId: core.serverId,
        hubUrl: options.hub.url,
        venueKey: options.hub.venueKey,
        onCommit: (listener) =>
          core.subscribe((notice) => {
            if (notice.type === 'commit') listener();
          }),
        onDecisions: (hubDevice, events) => core.admitFromHub(hubDevice, events).refused,
        log: (message) => console.warn(message),
      })
    : null;
  await printBanner({
    options,
    core,
    lan,
    httpPort: server.httpPort,
    httpsPort: server.httpsPort,
    everywhere,
    tls,
  });
  return {
    async close() {
      await relay?.stop();
      await server.close();
      store.close();
    },
  };
}

async function printBanner(args: {
  options: VenueOptions;
  core: VenueCore;
  lan: string[];
  httpPort: number;
  httpsPort: number | null;
  everywhere: boolean;
  tls: TlsMaterial | null;
}): Promise<void> {
  const { options, core, lan, httpPort, httpsPort, everywhere, tls } = args;
  const local = everywhere ? '127.0.0.1' : urlHost(options.host);
  const hosts = everywhere ? lan : [options.host];
  const lines = ['', '擂台 Leitai 场馆服务器已启动 (venue server running)', ''];
  lines.push(`  本机 On this machine:   http://${local}:${httpPort}`);
  if (httpsPort !== null) lines.push(`  本机安全连接:           https://${local}:${httpsPort}`);
  for (const address of hosts) {
    if (httpsPort !== null) lines.push(`  局域网 On the network:  https://${urlHost(address)}:${httpsPort}`);
    lines.push(`  局域网（普通连接）:     http://${urlHost(address)}:${httpPort}`);
  }
  const first = hosts[0];
  if (first && httpsPort !== null && tls?.caCert) {
    lines.push('', `  平板第一次使用，请先打开 http://${urlHost(first)}:${httpPort}/setup 安装场馆证书。`);
  }
  if (first) {
    const judgeUrl =
      httpsPort !== null
        ? `https://${urlHost(first)}:${httpsPort}/judge`
        : `http://${urlHost(first)}:${httpPort}/judge`;
    lines.push('', `  评委入口 Judge link: ${judgeUrl}`, '');
    lines.push(await QRCode.toString(judgeUrl, { type: 'terminal', small: true }));
  }
  const claimCode = core.pendingClaimCode();
  if (claimCode) {
    lines.push(
      `  首次使用：组织者认领码 Claim code: ${claimCode.slice(0, 4)} ${claimCode.slice(4)}`,
      '  在组织者的电脑上打开本系统，点页面顶部的同步状态，在“组织者”一栏输入认领码并设置密码。',
    );
  }
  lines.push(`  大屏加入码 Projector code: ${core.projectorCode()}`);
  if (first) {
    const base =
      httpsPort !== null ? `https://${urlHost(first)}:${httpsPort}` : `http://${urlHost(first)}:${httpPort}`;
    lines.push(`  大屏入口 Projector link: ${base}/projector?code=${core.projectorCode()}`);
  }
  if (options.hub) lines.push(`  城市中心 Hub (events relayed in the background): ${options.hub.url}`);
  lines.push(
    `  数据目录 Data directory: ${options.dataDir}`,
    '',
    '按 Ctrl+C 停止 (Press Ctrl+C to stop).',
    '',
  );
  console.log(lines.join('\n'));
}
