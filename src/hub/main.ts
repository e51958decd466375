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
}

const META_HUB_ID = 'hubId';
const META_ADMIN_SECRET = 'adminSecretHash';

export async function runHub(options: HubOptions): Promise<{ port: number; close(): Promise<void> }> {
  const store = await HubStore.open(options.databaseUrl);
  try {
    const hubId = await store.metaOrCreate(META_HUB_ID, () => randomUUID());
    let printedSecret: string | null = null;
    if (options.adminSecret !== null) await store.setMeta(META_ADMIN_SECRET, hashSecret(options.adminSecret));
    else if ((await store.getMeta(META_ADMIN_SECRET)) === undefined) {
      printedSecret = newSecret();
      await store.setMeta(META_ADMIN_SECRET, hashSecret(printedSecret));
    }
    const adminSecretHash = (await store.getMeta(META_ADMIN_SECRET)) as string;
    const core = new HubCore({ store, hubId, adminSecretHash });
    const server = await startHubServer({ core, host: options.host, port: options.port, tls: options.tls });
    const scheme = options.tls ? 'https' : 'http';
    const lines = ['', '擂台 Leitai 城市中心已启动 (hub running)', ''];
    lines.push(`  地址 Address: ${scheme}://${options.host}:${server.port}`, `  Hub id: ${hubId}`);
    if (printedSecret) {
      lines.push(
        '',
        `  管理密钥 Admin secret (shown once, keep it): ${printedSecret}`,
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
