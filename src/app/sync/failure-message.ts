/**
 * A venue server's refusal, or no venue server at all, in words for the screen. Not in
 * device-sync.ts, which the header's sync status brings to every page: these messages are the
 * 'sync-errors' area (src/app/i18n/areas.ts), loaded only with the screens that import this
 * module (the sync panel, and the judge's and the projector's join).
 */

import type { SyncError } from '../../sync/protocol';
import { SyncRefusal } from '../../sync/transport';
import type { MessageKey } from '../i18n/messages';

/** A refusal or failure in words for the screen: a message key and its parameters. */
export function syncFailureMessage(error: unknown): {
  key: MessageKey;
  params?: Record<string, string | number>;
} {
  if (error instanceof SyncRefusal) return refusalMessage(error.error);
  return { key: 'sync.error.unreachable' };
}

/** Every refusal code has its message, `sync.error.<code>` (the type says so). */
export function refusalMessage(error: Pick<SyncError, 'code' | 'message' | 'retryAfterMs'>): {
  key: MessageKey;
  params?: Record<string, string | number>;
} {
  const key: MessageKey = `sync.error.${error.code}`;
  if (error.code === 'tooManyAttempts')
    return { key, params: { seconds: Math.ceil((error.retryAfterMs ?? 1000) / 1000) } };
  return { key, params: { detail: error.message } };
}
