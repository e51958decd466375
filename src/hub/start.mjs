#!/usr/bin/env node
// `npm run hub` / `npx leitai hub`: the county hub over PostgreSQL (src/hub/main.ts, TypeScript
// run through tsx), `register-venue`, which registers a venue on a running hub, and `season`,
// which creates a season 积分制 on it and enters points by hand.
//   DATABASE_URL=postgres://user@host/leitai npm run hub -- --port 6180
//   HUB_ADMIN_SECRET=… npm run hub -- register-venue --hub http://hub:6180 --name 城关镇初赛
//   HUB_ADMIN_SECRET=… npm run hub -- season create --hub http://hub:6180 --id 2026 --name 2026年度积分
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

const DEFAULT_PORT = 6180;
const USAGE = `Usage: npm run hub -- [options]                 (or: npx leitai hub [options])
       npm run hub -- register-venue --hub URL --name NAME
       npm run hub -- season create --hub URL --id ID --name NAME [--table FILE]
       npm run hub -- season add-entry --hub URL --season ID --date YYYY-MM-DD
                      (--member MEMBER_ID | --name NAME [--unit UNIT]) --item ITEM
                      --points N --reason TEXT [--corrects ENTRY_ID]

  -p, --port N         port (env PORT; default ${DEFAULT_PORT})
      --host ADDRESS   address to listen on (env HOST; default 0.0.0.0)
      --cert FILE      certificate (PEM) for https (env LEITAI_CERT); plain http without
      --key FILE       its private key (PEM) (env LEITAI_KEY)
  DATABASE_URL         the PostgreSQL database (required), e.g. postgres://leitai@db/leitai
  HUB_ADMIN_SECRET     the admin secret that registers venues; a new hub without one makes one
                       and prints it once
  HUB_DASHBOARD_CODE   the code of the read-only city dashboard (/dashboard); made and printed
                       once likewise
  -h, --help           show this help

register-venue: registers a venue on a running hub (HUB_ADMIN_SECRET required) and prints its
venue key, which the venue server takes with --hub URL --venue-key KEY.

season create: creates the season ID on a running hub, or renames it and replaces its points
table (FILE as for \`leitai season --table\`; 10, 8, 6, 5, 4, 3, 2, 1 points for 1st to 8th
without one). Every final round of every venue is posted into it by the table.
season add-entry: points entered by hand (学习教育, 扣分项: negative) for a member of the season
(--member, a member id of the ledger GET /hub/v1/season answers) or a person by name and unit; --corrects names the
entry it replaces. Both need HUB_ADMIN_SECRET.`;

function fail(message) {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
      hub: { type: 'string' },
      name: { type: 'string' },
      id: { type: 'string' },
      table: { type: 'string' },
      season: { type: 'string' },
      date: { type: 'string' },
      member: { type: 'string' },
      unit: { type: 'string' },
      item: { type: 'string' },
      points: { type: 'string' },
      reason: { type: 'string' },
      corrects: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });

if (positionals[0] === 'register-venue') {
  const secret = process.env.HUB_ADMIN_SECRET;
  if (!values.hub || !values.name) fail('register-venue needs --hub URL and --name NAME.');
  if (!secret) fail('register-venue needs the admin secret in HUB_ADMIN_SECRET.');
  const { registerVenue } = await import('./register.ts');
  try {
    const venue = await registerVenue(values.hub, secret, values.name);
    console.log(
      `场馆 Venue: ${venue.name} (${venue.venueId})\n场馆密钥 Venue key (shown once): ${venue.venueKey}`,
    );
    console.log(`\n  npm start -- --hub ${values.hub} --venue-key ${venue.venueKey}`);
  } catch (error) {
    console.error(`Registration failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
} else if (positionals[0] === 'season') {
  const secret = process.env.HUB_ADMIN_SECRET;
  if (!values.hub) fail('season needs --hub URL.');
  if (!secret) fail('season needs the admin secret in HUB_ADMIN_SECRET.');
  const client = await import('./season-client.ts');
  try {
    if (positionals[1] === 'create') {
      if (!values.id || !values.name) fail('season create needs --id ID and --name NAME.');
      const table = values.table === undefined ? undefined : client.readTableFile(values.table);
      const season = await client.createSeason(values.hub, secret, {
        id: values.id,
        name: values.name,
        table,
      });
      console.log(
        `积分制 Season: ${season.name} (${season.id}) ${season.created ? '已创建 created' : '已更新 updated'}`,
      );
    } else if (positionals[1] === 'add-entry') {
      const { season, date, item, points, reason } = values;
      if (!season || !date || !item || !points || !reason)
        fail('season add-entry needs --season, --date, --item, --points and --reason.');
      const member = values.member
        ? { memberId: values.member }
        : { name: values.name, unit: values.unit ?? null };
      const corrects = values.corrects === undefined ? {} : { corrects: values.corrects };
      const entry = await client.addSeasonEntry(values.hub, secret, season, {
        date,
        ...member,
        item,
        points,
        reason,
        ...corrects,
      });
      console.log(
        `积分条目 Entry: ${entry.entryId} (成员 member ${entry.memberId}) ${entry.added ? '已记入 added' : '已有 already there'}`,
      );
    } else fail(`Unknown season command: ${positionals[1] ?? '(none)'}`);
  } catch (error) {
    console.error(`season ${positionals[1]} failed:\n${client.refusalLines(error).join('\n')}`);
    process.exit(1);
  }
} else {
  if (positionals.length > 0) fail(`Unknown command: ${positionals[0]}`);
  const portText = values.port ?? process.env.PORT ?? String(DEFAULT_PORT);
  if (!/^\d+$/.test(portText) || Number(portText) > 65535) fail(`Invalid port: ${portText}`);
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) fail('DATABASE_URL is not set: the hub needs a PostgreSQL database.');
  const certFile = values.cert ?? process.env.LEITAI_CERT ?? null;
  const keyFile = values.key ?? process.env.LEITAI_KEY ?? null;
  if ((certFile === null) !== (keyFile === null)) fail('--cert and --key go together.');
  const { runHub } = await import('./main.ts');
  let hub;
  try {
    hub = await runHub({
      databaseUrl,
      host: values.host ?? process.env.HOST ?? '0.0.0.0',
      port: Number(portText),
      tls: certFile && keyFile ? { certFile, keyFile } : null,
      adminSecret: process.env.HUB_ADMIN_SECRET || null,
      dashboardCode: process.env.HUB_DASHBOARD_CODE || null,
    });
  } catch (error) {
    if (error?.code === 'EADDRINUSE') fail(`Port ${portText} is already in use: choose another with --port.`);
    if (error?.code === 'ECONNREFUSED')
      fail(`PostgreSQL does not answer at DATABASE_URL (${error.message}).`);
    throw error;
  }
  const stop = () => hub.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
