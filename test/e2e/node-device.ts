// A device as a node process runs it: a real LeitaiDB on its own fake IndexedDB, the app's sync
// client over real HTTP and WebSocket to the venue server, and a switch to take it offline.
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { WebSocket } from 'ws';
import { LeitaiDB } from '../../src/db/database';
import { SyncClient } from '../../src/sync/client';
import type { SessionInfo } from '../../src/sync/protocol';
import {
  claimServer,
  joinWithJudgeCode,
  joinWithProjectorCode,
  loginAsOrganizer,
} from '../../src/sync/session';
import {
  httpTransport,
  type LiveConnection,
  type LiveHandlers,
  type SyncTransport,
  type WebSocketLike,
} from '../../src/sync/transport';

// Dexie's liveQuery (the client's outbox watch) runs only where a global IndexedDB exists.
Dexie.dependencies.indexedDB ??= new IDBFactory();
Dexie.dependencies.IDBKeyRange ??= IDBKeyRange;

export interface NodeDevice {
  name: string;
  db: LeitaiDB;
  transport: SyncTransport;
  client: SyncClient;
  session: SessionInfo;
  setOffline(offline: boolean): void;
}

/** A transport that can be cut: calls fail and live sockets close, as with Wi-Fi off. */
function switchable(inner: SyncTransport) {
  let offline = false;
  const open = new Set<{ connection: LiveConnection; handlers: LiveHandlers }>();
  const transport: SyncTransport = {
    call: (call) => (offline ? Promise.reject(new Error('offline')) : inner.call(call)),
    openLive(token, handlers) {
      if (offline) {
        setTimeout(() => handlers.onClose(), 0);
        return { close() {} };
      }
      const entry = {
        handlers,
        connection: inner.openLive(token, {
          onMessage: (message) => handlers.onMessage(message),
          onClose: () => {
            open.delete(entry);
            handlers.onClose();
          },
        }),
      };
      open.add(entry);
      return {
        close() {
          open.delete(entry);
          entry.connection.close();
        },
      };
    },
  };
  return {
    transport,
    setOffline(value: boolean) {
      offline = value;
      if (!value) return;
      for (const entry of [...open]) {
        open.delete(entry);
        entry.connection.close();
        entry.handlers.onClose();
      }
    },
  };
}

/** An organizer claims the server with `claimCode`, or logs in with the password without it. */
export type Joining =
  | { as: 'organizer'; claimCode?: string; password: string }
  | { as: 'judge'; code: string }
  | { as: 'projector'; code: string };

export async function nodeDevice(
  name: string,
  baseUrl: string,
  joining: Joining,
  options: {
    firstRetryMs?: number;
    maxRetryMs?: number;
    pollMs?: number;
    /** Wraps the HTTP transport, e.g. to time its calls and pokes (the sync bench). */
    wrapTransport?: (transport: SyncTransport) => SyncTransport;
  } = {},
): Promise<NodeDevice> {
  const { wrapTransport = (transport) => transport, ...clientOptions } = options;
  // A name of its own: Dexie tells the liveQueries of every database of the same name about a
  // write, and another device's writes must not wake this device's outbox watch.
  const db = new LeitaiDB({ indexedDB: new IDBFactory(), IDBKeyRange, name: `leitai-${name}` });
  const { transport, setOffline } = switchable(
    wrapTransport(
      httpTransport({
        baseUrl,
        WebSocket: WebSocket as unknown as new (url: string) => WebSocketLike,
        timeoutMs: 5000,
      }),
    ),
  );
  const session =
    joining.as === 'organizer'
      ? joining.claimCode === undefined
        ? await loginAsOrganizer(db, transport, joining.password)
        : await claimServer(db, transport, joining.claimCode, joining.password)
      : joining.as === 'judge'
        ? await joinWithJudgeCode(db, transport, joining.code)
        : await joinWithProjectorCode(db, transport, joining.code);
  const client = new SyncClient({
    db,
    transport,
    firstRetryMs: 200,
    maxRetryMs: 2000,
    pollMs: 5000,
    ...clientOptions,
  });
  return { name, db, transport, client, session, setOffline };
}
