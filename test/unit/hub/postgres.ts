/**
 * A fresh PostgreSQL database for each hub test, on the throwaway cluster that .ci/run starts
 * (HUB_TEST_DATABASE_URL); locally: `bash .ci/with-postgres npx vitest run --project unit
 * test/unit/hub`. Without one, the hub's tests fail and say so: they never skip, since a hub
 * tested against anything but a real PostgreSQL is not tested.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export function clusterUrl(): string {
  const url = process.env.HUB_TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'HUB_TEST_DATABASE_URL is not set: the hub tests need a real PostgreSQL. Run them with ' +
        '`bash .ci/with-postgres npx vitest run --project unit test/unit/hub` (Debian: apt-get install postgresql).',
    );
  }
  return url;
}

/** Creates an empty database; returns its URL and a function that drops it. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = clusterUrl();
  const name = `hub_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
