// The initial JavaScript of each role's page, from the build's own chunk graph
// (dist/.vite/manifest.json, vite.config.ts: build.manifest). A role's initial JS is what a
// browser must fetch and run before the page shows: the entry chunk of index.html and its static
// imports, the role page's lazy chunk and its static imports, and the Chinese tables of the
// message areas that load with it (src/app/i18n/areas.ts). A part of a page in its own chunk
// (lazyPart) is measured as opening that part directly: the page's initial JS plus the part's.
// Chunks loaded only on demand (the spreadsheet library, the QR code generator, the sync panel,
// English tables) are not counted. Sizes are gzip at zlib's default level, as the venue server
// sends them (src/server/static-server.mjs).

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type MessageArea, routeAreas } from '../../src/app/i18n/areas';

// 150 kB of initial JavaScript per page, gzipped: what a venue's tablet fetches on a busy Wi-Fi
// before the first screen (the shell is one chunk, src/build/shell-chunk.ts).
export const JS_BUDGET_BYTES = 150_000;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export type BuildManifest = Record<string, ManifestChunk>;

/** What is measured: a role's page, or a part of it opened directly. */
export interface Screen {
  /** e.g. "/judge", or "/organizer + RoundWorkspace". */
  name: string;
  path: string;
  /** Manifest keys of the page module and of its lazy parts; none for the home page. */
  modules: string[];
  areas: MessageArea[];
}

export interface JsFigure {
  name: string;
  files: string[];
  rawBytes: number;
  gzipBytes: number;
  cssGzipBytes: number;
}

export function readManifest(dist: string): BuildManifest {
  return JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as BuildManifest;
}

function manifestKey(root: string, file: string, manifest: BuildManifest, what: string): string {
  const base = relative(root, file).split('\\').join('/');
  const key = ['', '.tsx', '.ts'].map((ext) => `${base}${ext}`).find((candidate) => candidate in manifest);
  if (!key) throw new Error(`${what} imports ${base}, but the build has no such chunk`);
  return key;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );
}

/**
 * The screens to measure: each `lazyPage('/path', …, () => import('./dir/Page'))` of routes.ts,
 * read from its source so that a new role is measured without touching this script, and each
 * `lazyPart([areas], () => import('…'))` under a page's folder.
 */
export function screens(root: string, manifest: BuildManifest): Screen[] {
  const app = join(root, 'src', 'app');
  const routes = readFileSync(join(app, 'routes.ts'), 'utf8');
  const list: Screen[] = [];
  const pages: { path: string; folder: string; module: string }[] = [];
  for (const match of routes.matchAll(/lazyPage\(\s*'([^']+)'[\s\S]*?import\('([^']+)'\)/g)) {
    const [, path, specifier] = match as unknown as [string, string, string];
    const module = manifestKey(root, resolve(app, specifier), manifest, `routes.ts (${path})`);
    pages.push({ path, folder: dirname(resolve(app, specifier)), module });
    list.push({ name: path, path, modules: [module], areas: [...(routeAreas[path] ?? [])] });
  }
  if (pages.length === 0) throw new Error('no lazyPage(...) found in routes.ts');
  // Parts, and parts of parts (a tab in a workspace): each opened directly, with its ancestors.
  const parts: { declaredIn: string; file: string; key: string; areas: MessageArea[] }[] = [];
  for (const declaredIn of sourceFiles(app)) {
    const text = readFileSync(declaredIn, 'utf8');
    for (const match of text.matchAll(
      /lazyPart\(\s*\[((?:\s*'[\w-]+'\s*,?)*)\]\s*,\s*\(\)\s*=>\s*import\('([^']+)'\)/g,
    )) {
      const [, areaList, specifier] = match as unknown as [string, string, string];
      const file = resolve(dirname(declaredIn), specifier);
      const key = manifestKey(root, file, manifest, relative(root, declaredIn));
      const areas = [...areaList.matchAll(/'([^']+)'/g)].map((area) => area[1] as MessageArea);
      parts.push({ declaredIn, file: manifest[key]?.src ? join(root, manifest[key].src) : file, key, areas });
    }
  }
  for (const part of parts) {
    const chain = [part];
    for (let parent = parts.find((p) => p.file === part.declaredIn); parent; ) {
      chain.unshift(parent);
      const declaredIn = parent.declaredIn;
      parent = parts.find((p) => p.file === declaredIn);
    }
    const page = pages.find((candidate) =>
      (chain[0] as (typeof parts)[0]).declaredIn.startsWith(`${candidate.folder}/`),
    );
    if (!page) continue;
    list.push({
      name: `${page.path} + ${chain.map((p) => p.key.replace(/^.*\//, '').replace(/\.tsx?$/, '')).join(' + ')}`,
      path: page.path,
      modules: [page.module, ...chain.map((p) => p.key)],
      areas: [...(routeAreas[page.path] ?? []), ...chain.flatMap((p) => p.areas)],
    });
  }
  return list;
}

/** The audience's voting page (/v): an entry of its own, a phone loads nothing of the app. */
export const VOTING_PAGE = 'src/app/audience/vote.html';
// 30 kB gzipped: a phone that scanned the projector's code votes within a second on a full hall's Wi-Fi.
export const VOTING_PAGE_BUDGET_BYTES = 30_000;

function entryKey(manifest: BuildManifest): string {
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry && key !== VOTING_PAGE);
  if (entries.length !== 1) throw new Error(`expected one entry chunk, found ${entries.join(', ')}`);
  return entries[0] as string;
}

/** The voting page's JavaScript: its entry chunk and its static imports, nothing of the app's shell. */
export function measureVotingPage(dist: string, manifest: BuildManifest): JsFigure {
  if (!manifest[VOTING_PAGE]) throw new Error(`the build has no ${VOTING_PAGE}`);
  const chunks = [...staticClosure(manifest, VOTING_PAGE, new Set())].map(
    (key) => manifest[key] as ManifestChunk,
  );
  const contents = chunks.map((chunk) => readFileSync(join(dist, chunk.file)));
  const css = [...new Set(chunks.flatMap((chunk) => chunk.css ?? []))];
  return {
    name: '/v (voting page)',
    files: chunks.map((chunk) => chunk.file),
    rawBytes: contents.reduce((sum, bytes) => sum + bytes.length, 0),
    gzipBytes: contents.reduce((sum, bytes) => sum + gzipSize(bytes), 0),
    cssGzipBytes: css.reduce((sum, file) => sum + gzipSize(readFileSync(join(dist, file))), 0),
  };
}

/** The chunk keys that load with `key`: itself and its static imports, transitively. */
function staticClosure(manifest: BuildManifest, key: string, into: Set<string>): Set<string> {
  if (into.has(key)) return into;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`the build manifest has no chunk ${key}`);
  into.add(key);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, into);
  return into;
}

const gzipSize = (bytes: Buffer) => gzipSync(bytes).length;

export function measureInitialJs(dist: string, manifest: BuildManifest, list: Screen[]): JsFigure[] {
  const entry = entryKey(manifest);
  return list.map(({ name, modules, areas }) => {
    const keys = staticClosure(manifest, entry, new Set());
    for (const module of modules) staticClosure(manifest, module, keys);
    for (const area of areas) {
      // The default language's table (src/build/message-languages.ts: one chunk per language).
      const source = `src/app/i18n/${area}.ts?lang=zh-CN`;
      if (!manifest[source]) throw new Error(`the message area ${area} of ${name} has no chunk (${source})`);
      staticClosure(manifest, source, keys);
    }
    const chunks = [...keys].map((key) => manifest[key] as ManifestChunk);
    const files = chunks.map((chunk) => chunk.file);
    const contents = files.map((file) => readFileSync(join(dist, file)));
    const css = [...new Set(chunks.flatMap((chunk) => chunk.css ?? []))];
    return {
      name,
      files,
      rawBytes: contents.reduce((sum, bytes) => sum + bytes.length, 0),
      gzipBytes: contents.reduce((sum, bytes) => sum + gzipSize(bytes), 0),
      cssGzipBytes: css.reduce((sum, file) => sum + gzipSize(readFileSync(join(dist, file))), 0),
    };
  });
}
