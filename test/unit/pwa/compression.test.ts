// @vitest-environment node
// The static server compresses text once per file version: brotli where the browser takes it
// (https, and this machine), gzip otherwise, nothing for small files and images; each encoding
// with its own etag, and `Vary: Accept-Encoding` so no cache mixes them up.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaticServer, startStaticServer } from '../../../src/server/static-server.mjs';

let root: string;
let server: StaticServer;
const script = `export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `选手 ${i}`))};\n`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'leitai-compress-'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>擂台</title>');
  await writeFile(join(root, 'app.js'), script);
  await writeFile(join(root, 'icon.png'), Buffer.alloc(4096, 7));
  server = await startStaticServer({ root, port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

/** A raw request: fetch() would decode the body itself. */
async function get(path: string, acceptEncoding: string, etag?: string) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    const headers: Record<string, string> = { 'Accept-Encoding': acceptEncoding };
    if (etag) headers['If-None-Match'] = etag;
    request(`${server.url}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on('error', reject)
      .end();
  });
}

describe('compression', () => {
  it('sends brotli when accepted, else gzip, else the file as it is', async () => {
    const br = await get('/app.js', 'gzip, deflate, br, zstd');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    expect(br.body.length).toBeLessThan(Buffer.byteLength(script) / 3);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);

    const gzip = await get('/app.js', 'gzip, deflate');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(script);

    const plain = await get('/app.js', '');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    for (const response of [br, gzip, plain]) expect(response.headers.vary).toBe('Accept-Encoding');
  });

  it('gives each encoding its own etag, and answers 304 to the matching one only', async () => {
    const br = await get('/app.js', 'br');
    const gzip = await get('/app.js', 'gzip');
    expect(br.headers.etag).not.toBe(gzip.headers.etag);
    expect((await get('/app.js', 'br', br.headers.etag as string)).status).toBe(304);
    expect((await get('/app.js', 'gzip', br.headers.etag as string)).status).toBe(200);
  });

  it('leaves small files and images alone', async () => {
    const html = await get('/index.html', 'br, gzip');
    expect(html.headers['content-encoding']).toBeUndefined();
    expect(html.body.toString()).toBe('<!doctype html><title>擂台</title>');
    const png = await get('/icon.png', 'br, gzip');
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.body.length).toBe(4096);
    expect(png.headers.vary).toBeUndefined();
  });
});
