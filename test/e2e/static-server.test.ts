// The static server of `npm start` (src/server/static-server.mjs), over real HTTP, and
// src/server/start.mjs itself serving the build.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/server/build-if-stale.mjs';
import { type StaticServer, startStaticServer } from '../../src/server/static-server.mjs';

let root: string;
let server: StaticServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'leitai-static-'));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>index</title>');
  await writeFile(join(root, 'sw.js'), 'self.x = 1;');
  await writeFile(join(root, 'manifest.webmanifest'), '{}');
  await writeFile(join(root, 'assets', 'app-abc123.js'), 'console.log(1);');
  await writeFile(join(root, 'assets', 'app-abc123.css'), 'body{}');
  await writeFile(join(tmpdir(), 'leitai-secret.txt'), 'secret');
  server = await startStaticServer({ root, port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
  await rm(join(tmpdir(), 'leitai-secret.txt'), { force: true });
});

const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

describe('static server', () => {
  it('serves files with their MIME type and cache policy', async () => {
    const cases = [
      ['/', 'text/html; charset=utf-8', 'no-cache'],
      ['/index.html', 'text/html; charset=utf-8', 'no-cache'],
      ['/sw.js', 'text/javascript; charset=utf-8', 'no-cache'],
      ['/manifest.webmanifest', 'application/manifest+json; charset=utf-8', 'no-cache'],
      ['/assets/app-abc123.js', 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
      ['/assets/app-abc123.css', 'text/css; charset=utf-8', 'public, max-age=31536000, immutable'],
    ];
    for (const [path, type, cache] of cases) {
      const response = await get(path as string);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe(type);
      expect(response.headers.get('cache-control'), path).toBe(cache);
    }
    expect(await (await get('/sw.js')).text()).toBe('self.x = 1;');
  });

  it('answers app routes with index.html and missing files with 404', async () => {
    for (const path of ['/judge', '/organizer/', '/stage/round/2']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toContain('<title>index</title>');
    }
    for (const path of ['/missing.js', '/assets/gone-123.css', '/icons/none.png']) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it('never serves a file outside its root', async () => {
    for (const path of [
      '/../leitai-secret.txt',
      '/%2e%2e/leitai-secret.txt',
      '/assets/..%2f..%2fleitai-secret.txt',
    ]) {
      const response = await get(path);
      expect([403, 404], path).toContain(response.status);
      expect(await response.text()).not.toContain('secret');
    }
  });

  it('supports HEAD and conditional requests, and refuses other methods', async () => {
    const head = await get('/sw.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('11');
    const etag = head.headers.get('etag');
    expect(etag).toBeTruthy();
    expect((await get('/sw.js', { headers: { 'If-None-Match': etag ?? '' } })).status).toBe(304);
    const post = await get('/', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('npm start (src/server/start.mjs)', () => {
  it('serves the built app on the port and host it is given', async () => {
    // Ports 0: any free ones; a data directory of its own, not the repository's ./data.
    const dataDir = await mkdtemp(join(tmpdir(), 'leitai-start-'));
    const child = spawn(
      process.execPath,
      [
        'src/server/start.mjs',
        '--port',
        '0',
        '--https-port',
        '0',
        '--host',
        '127.0.0.1',
        '--data-dir',
        dataDir,
      ],
      { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 30_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /On this machine:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.stderr.on('data', (chunk: Buffer) => {
          out += chunk.toString();
        });
        child.on('exit', (code) => reject(new Error(`start.mjs exited with ${code}:\n${out}`)));
      });
      const response = await fetch(`${url}/judge`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="root">');
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a bad port with a usage message', async () => {
    const child = spawn(process.execPath, ['src/server/start.mjs', '--port', 'abc'], { cwd: projectRoot });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('Invalid port: abc');
    expect(err).toContain('Usage: npm start');
  });
});
