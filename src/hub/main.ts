/**
 * The hub put together: the database (schema brought up to date), its id and admin secret, the
 * network server, and what the operator reads in the terminal. src/hub/start.mjs (`npm run hub`,
 * `npx leitai hub`) parses the flags and calls `runHub`.
 */

import { randomUUID } from 'node:crypto';
import { HubCore } from './core';
import { startHubServer } from './http';
import { hashSecret, newSecret } from './secrets';
import { HubStore } from './store';

export interface HubOptions {
  databaseUrl: string;
  host: string;
  port: number;
  tls: { certFile: string; keyFile: string } | null;
  /**
   * The admin secret (HUB_ADMIN_SECRET): when given, it replaces the stored one; when not, the
   * stored one stays, and a new hub makes one and prints it once.
   */
  adminSecret: string | null;
  /** The dashboard code (HUB_DASHBOARD_CODE), kept and made as the admin secret. */
  dashboardCode: string | null;
}

const META_HUB_ID = 'hubId';
const META_ADMIN_SECRET = 'adminSecretHash';
const META_DASHBOARD_CODE = 'dashboardCodeHash';

/**
 * The hash of a secret kept in the hub's meta: `given` replaces it; without one, the stored hash
 * stays, and a new hub makes a secret, returned to be printed once.
 */
async function secretHash(
  store: HubStore,
  key: string,
  given: string | null,
): Promise<{ hash: string; made: string | null }> {
  if (given !== null) await store.setMeta(key, hashSecret(given));
  const stored = await store.getMeta(key);
  if (stored !== undefined) return { hash: stored, made: null };
  const made = newSecret();
  await store.setMeta(key, hashSecret(made));
  return { hash: hashSecret(made), made };
}

export async function runHub(options: HubOptions): Promise<{ port: number; close(): Promise<void> }> {
  const store = await HubStore.open(options.databaseUrl);
  try {
    const hubId = await store.metaOrCreate(META_HUB_ID, () => randomUUID());
    const admin = await secretHash(store, META_ADMIN_SECRET, options.adminSecret);
    const dashboard = await secretHash(store, META_DASHBOARD_CODE, options.dashboardCode);
    const core = new HubCore({
      store,
      hubId,
      adminSecretHash: admin.hash,
      dashboardCodeHash: dashboard.hash,
    });
    const server = await startHubServer({ core, host: options.host, port: options.port, tls: options.tls });
    const scheme = options.tls ? 'https' : 'http';
    const lines = ['', '擂台 Leitai 城市中心已启动 (hub running)', ''];
    lines.push(
      `  地址 Address: ${scheme}://${options.host}:${server.port}`,
      `  城市看板 Dashboard: ${scheme}://${options.host}:${server.port}/dashboard`,
      `  Hub id: ${hubId}`,
    );
    if (dashboard.made) lines.push('', `  看板码 Dashboard code (shown once, keep it): ${dashboard.made}`);
    if (admin.made) {
      lines.push(
        '',
        `  管理密钥 Admin secret (shown once, keep it): ${admin.made}`,
        '  登记场馆 Register a venue: HUB_ADMIN_SECRET=… npm run hub -- register-venue --hub URL --name 名称',
      );
    }
    console.log(`${lines.join('\n')}\n`);
    return {
      port: server.port,
      async close() {
        await server.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
