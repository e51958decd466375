/**
 * This tablet's signing keys (评委签名密钥): at join, a non-extractable ECDSA P-256 key pair is
 * made with WebCrypto and kept in IndexedDB (`signingKeys`, one row per judge); its public half
 * is registered in the log (`judge.key.register`), which the venue server admits only from that
 * judge's own tablet under the device id it authenticated. A new key retires the judge's keys the
 * tablet knows of (its own earlier one: 'rejoined'; another tablet's: 'replaced'): a retired key
 * signs no more sheets, and the sheets it signed stay valid. Keys are never deleted from the log.
 *
 * WebCrypto's `crypto.subtle` exists only in secure contexts (./ids.ts): where it is missing
 * the tablet cannot sign, and its submit dialog says so. Loaded on demand by the judge's screen.
 */

import type { EventDraft } from '../domain/events';
import type { Id } from '../domain/model';
import { encodeBase64, keyFingerprint, SIGNING_KEY_ALGORITHM } from '../domain/signing';
import { registeredKeysOf } from '../domain/signing-checks';
import type { LeitaiDB, SigningKeyRow } from './database';
import { competitionScope } from './entities';
import { because, RepositoryError } from './errors';
import { appendLocalEvents, readDevice, writeTransaction } from './log';

/**
 * Makes a new signing key for the judge on this tablet, registers it and retires the judge's
 * earlier keys, in one transaction (the key pair is made before it: WebCrypto is asynchronous).
 */
export async function renewSigningKey(
  db: LeitaiDB,
  judgeId: Id,
  subtle: SubtleCrypto,
): Promise<SigningKeyRow> {
  const keyPair = await subtle.generateKey(SIGNING_KEY_ALGORITHM, false, ['sign', 'verify']);
  // A public key is always exportable, whatever `extractable` says of the pair.
  const publicKey = encodeBase64(new Uint8Array(await subtle.exportKey('raw', keyPair.publicKey)));
  const fingerprint = keyFingerprint(publicKey) as string;
  return writeTransaction(db, async () => {
    const judge = await db.judges.get(judgeId);
    if (!judge) throw new RepositoryError('unknown-judge', because('judgeNotFound'));
    const { deviceId } = await readDevice(db);
    const known = await db.events
      .where('type')
      .anyOf(['judge.key.register', 'judge.key.retire'])
      .filter((event) => event.competitionId === judge.competitionId)
      .toArray();
    const author = { role: 'judge' as const, judgeId };
    const scope = competitionScope(judge.competitionId);
    const drafts: EventDraft[] = registeredKeysOf(known)
      .filter((key) => key.judgeId === judgeId && !key.retired)
      .map((key) => ({
        type: 'judge.key.retire',
        author,
        ...scope,
        payload: {
          judgeId,
          deviceId: key.deviceId,
          fingerprint: key.fingerprint,
          reason: key.deviceId === deviceId ? 'rejoined' : 'replaced',
        },
      }));
    drafts.push({
      type: 'judge.key.register',
      author,
      ...scope,
      payload: { judgeId, deviceId, publicKey, fingerprint },
    });
    await appendLocalEvents(db, drafts);
    const row: SigningKeyRow = {
      judgeId,
      competitionId: judge.competitionId,
      publicKey,
      fingerprint,
      keyPair,
    };
    await db.signingKeys.put(row);
    return row;
  });
}

/** The judge's key on this tablet, made (and registered) the first time it is needed. */
export async function signingKeyFor(db: LeitaiDB, judgeId: Id, subtle: SubtleCrypto): Promise<SigningKeyRow> {
  return (await db.signingKeys.get(judgeId)) ?? renewSigningKey(db, judgeId, subtle);
}
