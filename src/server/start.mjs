#!/usr/bin/env node
// `npm start`: builds the app when dist/ is missing or out of date, then serves it on this
// machine and the local network (the venue server).
//   npm start -- --port 8080 --host 127.0.0.1     (or PORT=8080 HOST=127.0.0.1 npm start)
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildIfStale, projectRoot } from './build-if-stale.mjs';
import { startStaticServer } from './static-server.mjs';

const DEFAULT_PORT = 5180;
const USAGE = `Usage: npm start -- [--port N] [--host ADDRESS]

  -p, --port N        port to listen on (env PORT; default ${DEFAULT_PORT})
      --host ADDRESS  address to listen on (env HOST; default 0.0.0.0: this machine and the LAN)
  -h, --help          show this help`;

function fail(message) {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const portText = values.port ?? process.env.PORT ?? String(DEFAULT_PORT);
const port = Number(portText);
if (!/^\d+$/.test(portText) || port > 65535) fail(`Invalid port: ${portText}`);
const host = values.host ?? process.env.HOST ?? '0.0.0.0';

await buildIfStale();

let server;
try {
  server = await startStaticServer({ root: join(projectRoot, 'dist'), port, host });
} catch (error) {
  if (error?.code === 'EADDRINUSE') fail(`Port ${port} is already in use: choose another with --port.`);
  if (error?.code === 'EADDRNOTAVAIL') fail(`This machine has no address ${host}.`);
  throw error;
}

const lanUrls = [];
if (host === '0.0.0.0' || host === '::') {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) {
        lanUrls.push(`http://${address.address}:${server.port}`);
      }
    }
  }
}

console.log(`\n擂台 Leitai is running.\n\n  On this machine:   ${server.url}`);
for (const url of lanUrls) console.log(`  On the network:    ${url}`);
if (lanUrls.length > 0) {
  console.log(
    '\n  Devices on the network can use the app, but browsers allow offline mode (service worker)\n' +
      '  only on https or on this machine itself.',
  );
}
console.log('\nPress Ctrl+C to stop.\n');

const stop = () => {
  server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
