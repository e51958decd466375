// @vitest-environment node
// The venue's own certificates: every one that the local authority issues is one that OpenSSL
// accepts. A serial number starting with a zero byte (DER's "illegal padding") once made the
// server refuse to start on some runs.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localTls } from '../../../src/server/tls';

describe('the local certificate authority', () => {
  it('issues certificates OpenSSL reads, with positive, minimally encoded serial numbers', () => {
    for (let run = 0; run < 12; run += 1) {
      const dir = mkdtempSync(join(tmpdir(), 'leitai-tls-'));
      try {
        const tls = localTls(dir, { dns: ['localhost'], ips: ['127.0.0.1'] }, 'venue');
        for (const pem of [tls.cert, tls.caCert as string]) {
          const serial = new X509Certificate(pem).serialNumber;
          expect(serial).toMatch(/^[0-9A-F]{32}$/);
          expect(Number.parseInt(serial.slice(0, 2), 16)).toBeGreaterThan(0);
          expect(Number.parseInt(serial.slice(0, 2), 16)).toBeLessThan(0x80);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }, 60_000);
});
