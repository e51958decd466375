/**
 * Puts a database prepared in Node into the page's IndexedDB. The rows are written by the real
 * repository on a fake-indexeddb database (so they respect the schema, the log and the
 * projections), then copied table by table into the browser's `leitai` database, which the app
 * must have opened (created at the current schema version) first. Reload the page afterwards:
 * Dexie's live queries do not see writes from another connection.
 */

import type { Page } from 'playwright-core';
import { DATABASE_NAME, type LeitaiDB } from '../../src/db/database';

export type TableRows = Record<string, unknown[]>;

/**
 * Every table's rows, except this device's identity and outbox: in the browser the rows come
 * from another device (as after a sync), and the page makes its own device id.
 */
export async function dumpTables(
  db: LeitaiDB,
  skip: readonly string[] = ['device', 'outbox'],
): Promise<TableRows> {
  const rows: TableRows = {};
  for (const table of db.tables) {
    if (!skip.includes(table.name)) rows[table.name] = await table.toArray();
  }
  return rows;
}

/** Writes the rows in batches (one transaction each) into the page's database. */
export async function loadIntoPage(page: Page, tables: TableRows, batchSize = 10_000): Promise<void> {
  for (const [table, rows] of Object.entries(tables)) {
    for (let start = 0; start < rows.length; start += batchSize) {
      await page.evaluate(
        ({ name, table, rows }) =>
          new Promise<void>((resolve, reject) => {
            const opening = indexedDB.open(name);
            opening.onerror = () => reject(opening.error);
            opening.onsuccess = () => {
              const database = opening.result;
              const tx = database.transaction(table, 'readwrite');
              const store = tx.objectStore(table);
              for (const row of rows) store.put(row);
              tx.oncomplete = () => {
                database.close();
                resolve();
              };
              tx.onerror = () => reject(tx.error);
            };
          }),
        { name: DATABASE_NAME, table, rows: rows.slice(start, start + batchSize) },
      );
    }
  }
}
