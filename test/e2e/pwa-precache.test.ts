// The production build as an installable offline app: the service worker precaches index.html,
// the manifest and every file the build emits (every lazy chunk, stylesheet, icon); the manifest
// is Chinese with real icons; index.html carries the iPadOS tags; each message area is split by
// language. Reads dist/, which the e2e global setup builds.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/server/build-if-stale.mjs';

const dist = join(projectRoot, 'dist');
const read = (path: string) => readFileSync(join(dist, path), 'utf8');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [relative(dist, join(dir, entry.name))],
  );
}

interface PrecacheEntry {
  url: string;
  revision: string | null;
}

/** The list passed to precacheAndRoute in the generated sw.js. */
function precacheList(): PrecacheEntry[] {
  const sw = read('sw.js');
  const match = /precacheAndRoute\((\[[^\]]*\])/.exec(sw);
  if (!match) throw new Error('sw.js has no precacheAndRoute([...])');
  const list = [...(match[1] as string).matchAll(/\{url:"([^"]+)",revision:(null|"[0-9a-f]+")\}/g)];
  return list.map((entry) => ({
    url: entry[1] as string,
    revision: entry[2] === 'null' ? null : (entry[2] as string).slice(1, -1),
  }));
}

/** Width and height from a PNG's header. */
function pngSize(path: string): [number, number] {
  const bytes = readFileSync(join(dist, path));
  expect(bytes.subarray(1, 4).toString('latin1'), path).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('the built service worker', () => {
  it('precaches index.html, the manifest and every file of the build, each once', () => {
    const urls = precacheList().map((entry) => entry.url);
    expect(urls).toContain('index.html');
    expect(urls).toContain('manifest.webmanifest');
    expect(new Set(urls).size).toBe(urls.length);

    // Every asset the app may load (the service worker's own files, source maps and the build
    // manifest for the budget script are not the app).
    const notTheApp = (file: string) =>
      file === 'sw.js' ||
      /^workbox-[\w-]+\.js$/.test(file) ||
      file.endsWith('.map') ||
      file.startsWith('.vite/');
    const built = filesUnder(dist).filter((file) => !notTheApp(file));
    expect(built.filter((file) => file.startsWith('assets/')).length).toBeGreaterThan(20);
    expect(urls.slice().sort()).toEqual(built.sort());
  });

  it('revisions what keeps its name across builds; hashed assets need none', () => {
    for (const { url, revision } of precacheList()) {
      if (url.startsWith('assets/')) expect(revision, url).toBeNull();
      else expect(revision, url).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('answers every app address with index.html, not the server’s own, and cleans old caches', () => {
    const sw = read('sw.js');
    expect(sw).toMatch(/NavigationRoute\(\w+\.createHandlerBoundToURL\("index\.html"\)/);
    // The venue server's own pages, the audience's voting page (/v) among them.
    expect(sw).toContain('denylist:[/^\\/api\\//,/^\\/setup$/,/^\\/ca\\.crt$/,/^\\/v$/]');
    expect(sw).toContain('cleanupOutdatedCaches()');
    // Prompt mode: the new version waits for the user's consent (a SKIP_WAITING message).
    expect(sw).toContain('"SKIP_WAITING"===');
    expect(sw).not.toMatch(/self\.skipWaiting\(\)[,;]\s*\w+\.clientsClaim\(\)/);
  });
});

describe('the web app manifest', () => {
  const manifest = JSON.parse(read('manifest.webmanifest'));

  it('is Chinese, standalone, and starts at the role choice', () => {
    expect(manifest).toMatchObject({
      name: '擂台 · Leitai 评分系统',
      short_name: '擂台评分',
      lang: 'zh-CN',
      display: 'standalone',
      start_url: '/',
      scope: '/',
      theme_color: '#b71c1c',
      background_color: '#fffdf7',
    });
  });

  it('has 192 and 512 px icons, a maskable one, and they are the sizes they claim', () => {
    const icons = manifest.icons as { src: string; sizes: string; type: string; purpose: string }[];
    const png = icons.filter((icon) => icon.type === 'image/png');
    expect(png.map((icon) => `${icon.sizes} ${icon.purpose}`).sort()).toEqual([
      '192x192 any',
      '512x512 any',
      '512x512 maskable',
    ]);
    for (const icon of png) {
      const [width, height] = pngSize(icon.src.slice(1));
      expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
    }
  });

  it('is linked from index.html, with the iPadOS home-screen icon and tags', () => {
    const html = read('index.html');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest">');
    expect(html).toContain('<link rel="apple-touch-icon" href="/apple-touch-icon.png" />');
    expect(pngSize('apple-touch-icon.png')).toEqual([180, 180]);
    expect(html).toContain('<meta name="apple-mobile-web-app-capable" content="yes" />');
    expect(html).toContain('<meta name="mobile-web-app-capable" content="yes" />');
    expect(html).toContain('<meta name="apple-mobile-web-app-title" content="擂台评分" />');
    expect(html).toContain('<meta name="theme-color" content="#b71c1c" />');
  });
});

describe('index.html', () => {
  it('starts fetching the opened page’s chunks and Chinese messages with the entry', () => {
    const html = read('index.html');
    const table = JSON.parse(/var t=(\{.*?\});/.exec(html)?.[1] ?? 'null') as Record<string, string[]>;
    const viteManifest = JSON.parse(read('.vite/manifest.json')) as Record<string, { file: string }>;
    const file = (key: string) => `/${(viteManifest[key] as { file: string }).file}`;
    expect(Object.keys(table).sort()).toEqual([
      '/',
      '/judge',
      '/organizer',
      '/projector',
      '/results',
      '/season',
      '/stage',
    ]);
    expect(table['/']).toContain(file('src/app/home/HomePage.tsx'));
    expect(table['/judge']).toContain(file('src/app/judge/JudgePage.tsx'));
    expect(table['/judge']).toContain(file('src/app/i18n/judge.ts?lang=zh-CN'));
    expect(table['/judge']).not.toContain(file('src/app/i18n/judge.ts?lang=en'));
    expect(table['/projector']).toContain(file('src/app/stage/ProjectorPage.tsx'));
    expect(table['/organizer']).not.toContain(file('src/app/judge/JudgePage.tsx'));
    // Before the entry's script and stylesheet, which it would otherwise wait for.
    expect(html.indexOf('var t=')).toBeLessThan(html.indexOf('<script type="module"'));
    for (const files of Object.values(table))
      for (const path of files) expect(read(path.slice(1)).length).toBeGreaterThan(0);
  });
});

describe('message areas in the build', () => {
  it('are one chunk per language: the Chinese one has no English table, and back', () => {
    const viteManifest = JSON.parse(read('.vite/manifest.json')) as Record<string, { file: string }>;
    const judgeZh = read((viteManifest['src/app/i18n/judge.ts?lang=zh-CN'] as { file: string }).file);
    const judgeEn = read((viteManifest['src/app/i18n/judge.ts?lang=en'] as { file: string }).file);
    expect(judgeZh).toContain('请输入您的 8 位评委码');
    expect(judgeZh).not.toContain('Enter your 8-digit judge code');
    expect(judgeEn).toContain('Enter your 8-digit judge code');
    expect(judgeEn).not.toContain('请输入您的 8 位评委码');
  });
});
