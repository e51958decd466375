#!/usr/bin/env node
// `npm start`: builds the app when dist/ is missing or out of date, then starts the venue server
// (src/server/venue.ts, TypeScript run through tsx): the app, the sync API and the live socket on
// one origin, https and plain http, storage in the data directory.
//   npm start -- --port 8080 --host 127.0.0.1     (or PORT=8080 HOST=127.0.0.1 npm start)
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';
import { buildIfStale, projectRoot } from './build-if-stale.mjs';

const DEFAULT_PORT = 5180;
const DEFAULT_HTTPS_PORT = 5443;
const USAGE = `Usage: npm start -- [options]

  -p, --port N         plain http port (env PORT; default ${DEFAULT_PORT}): the app without offline
                       start-up, and the tablets' certificate setup page /setup
      --https-port N   https port (env LEITAI_HTTPS_PORT; default ${DEFAULT_HTTPS_PORT})
      --no-https       plain http only (env LEITAI_NO_HTTPS=1)
      --host ADDRESS   address to listen on (env HOST; default 0.0.0.0: this machine and the LAN)
      --data-dir DIR   where the database and certificates live (env LEITAI_DATA_DIR; default ./data)
      --cert FILE      a certificate (PEM) to use instead of the local one (env LEITAI_CERT)
      --key FILE       its private key (PEM) (env LEITAI_KEY)
      --no-build       serve dist/ as it is, without building it when stale
      --phones-per-address N
                       大众投票: audience phones that may join from one address
                       (env LEITAI_PHONES_PER_ADDRESS; default 8)
      --hub URL        relay this venue's events to a county hub (env LEITAI_HUB), in the
                       background: the hall never waits for it
      --venue-key KEY  the venue key the hub issued at registration (env LEITAI_VENUE_KEY)
  -h, --help           show this help`;

function fail(message) {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p' },
      'https-port': { type: 'string' },
      'no-https': { type: 'boolean' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
      'no-build': { type: 'boolean' },
      'phones-per-address': { type: 'string' },
      hub: { type: 'string' },
      'venue-key': { type: 'string' },
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

function port(text, what) {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > 65535) fail(`Invalid ${what}: ${text}`);
  return value;
}

const httpPort = port(values.port ?? process.env.PORT ?? String(DEFAULT_PORT), 'port');
const noHttps = values['no-https'] ?? process.env.LEITAI_NO_HTTPS === '1';
const httpsPort = noHttps
  ? null
  : port(values['https-port'] ?? process.env.LEITAI_HTTPS_PORT ?? String(DEFAULT_HTTPS_PORT), 'https port');
const host = values.host ?? process.env.HOST ?? '0.0.0.0';
const dataDirText = values['data-dir'] ?? process.env.LEITAI_DATA_DIR ?? join(projectRoot, 'data');
const dataDir = isAbsolute(dataDirText) ? dataDirText : resolve(dataDirText);
const certFile = values.cert ?? process.env.LEITAI_CERT ?? null;
const keyFile = values.key ?? process.env.LEITAI_KEY ?? null;
if ((certFile === null) !== (keyFile === null)) fail('--cert and --key go together.');
if (certFile && httpsPort === null) fail('--cert and --key need https: drop --no-https.');
const hubUrl = values.hub ?? process.env.LEITAI_HUB ?? null;
const venueKey = values['venue-key'] ?? process.env.LEITAI_VENUE_KEY ?? null;
if ((hubUrl === null) !== (venueKey === null)) fail('--hub and --venue-key go together.');
if (hubUrl !== null && !URL.canParse(hubUrl)) fail(`Invalid hub URL: ${hubUrl}`);

const phonesText = values['phones-per-address'] ?? process.env.LEITAI_PHONES_PER_ADDRESS ?? null;
if (phonesText !== null && !/^[1-9]\d{0,5}$/.test(phonesText))
  fail(`Invalid phones per address: ${phonesText} (a whole number from 1)`);
const phonesPerAddress = phonesText === null ? null : Number(phonesText);

if (!values['no-build']) await buildIfStale();

register();
const { runVenueServer } = await import('./venue.ts');

let server;
try {
  server = await runVenueServer({
    staticRoot: join(projectRoot, 'dist'),
    dataDir,
    host,
    httpPort,
    httpsPort,
    certFile,
    keyFile,
    phonesPerAddress,
    hub: hubUrl === null ? null : { url: hubUrl, venueKey },
  });
} catch (error) {
  if (error?.code === 'EADDRINUSE')
    fail(`Port ${error.port ?? ''} is already in use: choose another with --port or --https-port.`);
  if (error?.code === 'EADDRNOTAVAIL') fail(`This machine has no address ${host}.`);
  if (error?.code === 'ENOENT') fail(`File not found: ${error.path}`);
  throw error;
}

const stop = () => {
  server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
