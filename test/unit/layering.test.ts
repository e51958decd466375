// @vitest-environment node
/**
 * The import arrows of src/, written down once (LAYERS) and checked over every module, so that a
 * wrong arrow fails CI: every relative import, `import type` and `export … from` and `import()`
 * included, must point to the importer's own layer or to one its row allows, and the module
 * graph has no cycle at all, type-only imports included. Imports are read with Vite's parser
 * (oxc), not with patterns. The packages of the layers that run without a browser are listed
 * too (what src/domain may touch beyond imports: test/unit/domain/purity.test.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseSync } from 'vite';
import { describe, expect, it } from 'vitest';

interface Layer {
  /** Path prefixes (a folder ends with '/'); a module belongs to the layer of its longest matching prefix. */
  paths: string[];
  /** The other layers this one may import; a layer may always import itself. */
  mayImport: string[];
  /** The packages it may import ('node:' for Node's own modules), or 'any' for the browser's layers. */
  packages: string[] | 'any';
}

const APP_BELOW = ['sync', 'protocol', 'db', 'domain'];
const APP_ROLE = ['app', ...APP_BELOW];

/**
 * Dependencies point app → sync → db → domain, server → domain, hub → domain, cli → domain. The protocol
 * module is the pure wire format (it imports only the domain) that the devices and the server
 * share. Within the app, each role folder imports only the shared app modules (`app`: the
 * router, the store, components, i18n, pwa, the sync panel, files), never another role; only the
 * shell that routes to the roles imports them.
 */
const LAYERS: Record<string, Layer> = {
  domain: { paths: ['src/domain/'], mayImport: [], packages: [] },
  // The hub's wire formats (hub-protocol.ts, hub-season-protocol.ts) are pure too: the hub and
  // the venue's relay share them.
  protocol: {
    paths: ['src/sync/protocol.ts', 'src/sync/hub-protocol.ts', 'src/sync/hub-season-protocol.ts'],
    mayImport: ['domain'],
    packages: [],
  },
  db: { paths: ['src/db/'], mayImport: ['protocol', 'domain'], packages: 'any' },
  sync: { paths: ['src/sync/'], mayImport: ['protocol', 'db', 'domain'], packages: 'any' },
  server: {
    paths: ['src/server/'],
    mayImport: ['protocol', 'domain'],
    packages: ['node:', 'better-sqlite3', 'node-forge', 'qrcode', 'ws', 'tsx'],
  },
  // The county hub (issue 17): a server of its own over PostgreSQL, on the domain and the
  // protocols only, like the venue server; it shares no module with src/server.
  hub: { paths: ['src/hub/'], mayImport: ['protocol', 'domain'], packages: ['node:', 'pg', 'tsx'] },
  // `leitai hub` starts the hub (src/cli/leitai.mjs imports src/hub/start.mjs).
  cli: { paths: ['src/cli/'], mayImport: ['domain', 'hub'], packages: ['node:', 'tsx'] },
  build: { paths: ['src/build/'], mayImport: [], packages: ['node:', 'vite'] },
  app: { paths: ['src/app/'], mayImport: APP_BELOW, packages: 'any' },
  'app shell': {
    paths: ['src/app/main.tsx', 'src/app/App.tsx', 'src/app/routes.ts'],
    mayImport: ['app', 'organizer', 'judge', 'stage', 'results', 'season', 'home', ...APP_BELOW],
    packages: 'any',
  },
  organizer: { paths: ['src/app/organizer/'], mayImport: APP_ROLE, packages: 'any' },
  judge: { paths: ['src/app/judge/'], mayImport: APP_ROLE, packages: 'any' },
  stage: { paths: ['src/app/stage/'], mayImport: APP_ROLE, packages: 'any' },
  results: { paths: ['src/app/results/'], mayImport: APP_ROLE, packages: 'any' },
  home: { paths: ['src/app/home/'], mayImport: APP_ROLE, packages: 'any' },
  // The season 积分制 (/season) prints its 公示 with the results' print styles and writes its
  // exports with the results' table type and cell typing: it may import results, never the reverse.
  season: { paths: ['src/app/season/'], mayImport: [...APP_ROLE, 'results'], packages: 'any' },
};

const root = resolve(import.meta.dirname, '../..');
const SOURCE = /\.(ts|tsx|mts|mjs)$/;

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder)).flatMap((name) => {
    const path = `${folder}/${name}`;
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return SOURCE.test(name) && !name.endsWith('.d.mts') ? [path] : [];
  });
}

interface Import {
  from: string;
  specifier: string;
  /** The imported module, relative to the root; null for a package or a Node module. */
  target: string | null;
}

/** Every module a file names: static imports, `export … from` and `import()`, types included. */
function importsOf(file: string): Import[] {
  const text = readFileSync(join(root, file), 'utf8');
  const { module, errors } = parseSync(file, text);
  if (errors.length > 0) throw new Error(`${file} does not parse: ${errors[0]?.message}`);
  const specifiers = [
    ...module.staticImports.map((entry) => entry.moduleRequest.value),
    ...module.staticExports.flatMap((entry) => entry.entries.flatMap((e) => e.moduleRequest?.value ?? [])),
    ...module.dynamicImports.map((entry) =>
      text.slice(entry.moduleRequest.start + 1, entry.moduleRequest.end - 1),
    ),
  ];
  return [...new Set(specifiers)].map((specifier) => ({
    from: file,
    specifier,
    target: resolved(file, specifier),
  }));
}

/** The file a relative specifier names (a `?query` for the build is not part of it). */
function resolved(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = relative(root, resolve(root, dirname(from), specifier.replace(/\?.*$/, '')));
  const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`];
  return (
    candidates.find((path) => existsSync(join(root, path)) && statSync(join(root, path)).isFile()) ?? base
  );
}

function layerOf(file: string): string | undefined {
  let best: { layer: string; length: number } | undefined;
  for (const [layer, { paths }] of Object.entries(LAYERS)) {
    for (const path of paths) {
      const matches = path.endsWith('/') ? file.startsWith(path) : file === path;
      if (matches && path.length > (best?.length ?? -1)) best = { layer, length: path.length };
    }
  }
  return best?.layer;
}

/** Why importing `target` from `from` breaks LAYERS, or null when an arrow allows it. */
function wrongArrow(from: string, target: string): string | null {
  const importer = layerOf(from) ?? '?';
  const imported = layerOf(target) ?? '?';
  if (importer === imported || LAYERS[importer]?.mayImport.includes(imported)) return null;
  const allowed = LAYERS[importer]?.mayImport.join(', ') || 'nothing outside itself';
  return `(${imported}): ${importer} may import only ${allowed}`;
}

/** Why `from` may not import the package `specifier`, or null when its layer may. */
function wrongPackage(from: string, specifier: string): string | null {
  const layer = layerOf(from) ?? '?';
  const allowed = LAYERS[layer]?.packages ?? [];
  if (allowed === 'any') return null;
  const name = specifier.startsWith('node:')
    ? 'node:'
    : specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/');
  if (allowed.includes(name)) return null;
  return `${layer} may use only ${allowed.length > 0 ? allowed.join(', ') : 'no package'}`;
}

const files = sourceFiles('src');
const imports = files.flatMap(importsOf);
const local = imports.filter((entry): entry is Import & { target: string } => entry.target !== null);
const graph = new Map(files.map((file) => [file, [] as string[]]));
for (const { from, target } of local) graph.get(from)?.push(target);

/** Strongly connected components of more than one module, or of one that imports itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) ?? 0);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** One concrete loop through a component, for the failure message: a → b → … → a. */
function loopThrough(component: string[], graph: Map<string, string[]>): string {
  const members = new Set(component);
  const start = component[0] ?? '';
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() ?? '';
    for (const next of graph.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0] ?? '') ?? start);
        return [...path, start].join(' → ');
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return component.join(', ');
}

describe('layering of src/', () => {
  it('reads the imports of every module', () => {
    expect(files).toContain('src/cli/verify.ts');
    expect(
      local.find((entry) => entry.from === 'src/db/database.ts' && entry.target === 'src/db/schema.ts'),
    ).toBeDefined();
  });

  it('puts every module in a layer', () => {
    expect(files.filter((file) => layerOf(file) === undefined)).toEqual([]);
  });

  it('resolves every relative import to a module', () => {
    const unresolved = local.filter((entry) => !existsSync(join(root, entry.target)));
    expect(
      unresolved.map((entry) => `${entry.from} imports '${entry.specifier}', which does not exist`),
    ).toEqual([]);
  });

  it('imports only along the arrows of LAYERS', () => {
    const wrong = local.flatMap(({ from, specifier, target }) => {
      const why = wrongArrow(from, target);
      return why === null ? [] : [`${from} imports '${specifier}' ${why}`];
    });
    expect(wrong).toEqual([]);
  });

  it('imports only the packages of LAYERS', () => {
    const wrong = imports.flatMap(({ from, specifier, target }) => {
      const why = target === null ? wrongPackage(from, specifier) : null;
      return why === null ? [] : [`${from} imports '${specifier}': ${why}`];
    });
    expect(wrong).toEqual([]);
  });

  it('writes down arrows that form no cycle between layers', () => {
    const layerGraph = new Map(Object.entries(LAYERS).map(([layer, { mayImport }]) => [layer, mayImport]));
    expect(cycles(layerGraph)).toEqual([]);
  });

  it('refuses the arrows the house rules forbid', () => {
    expect(wrongPackage('src/cli/main.ts', 'react')).not.toBeNull();
    expect(wrongPackage('src/server/core.ts', 'dexie')).not.toBeNull();
    expect(wrongPackage('src/domain/engine.ts', 'node:crypto')).not.toBeNull();
    expect(wrongPackage('src/cli/main.ts', 'node:fs')).toBeNull();
    expect(wrongArrow('src/cli/verify.ts', 'src/sync/protocol.ts')).toContain('cli may import only domain');
    expect(wrongArrow('src/cli/main.ts', 'src/db/database.ts')).not.toBeNull();
    expect(wrongArrow('src/app/results/ExportPanel.tsx', 'src/app/organizer/import/plan.ts')).not.toBeNull();
    expect(wrongArrow('src/app/judge/JudgePage.tsx', 'src/app/stage/HostPage.tsx')).not.toBeNull();
    expect(wrongArrow('src/app/router.tsx', 'src/app/home/HomePage.tsx')).not.toBeNull();
    expect(wrongArrow('src/db/marks.ts', 'src/sync/client.ts')).not.toBeNull();
    expect(wrongArrow('src/domain/engine.ts', 'src/db/database.ts')).not.toBeNull();
    expect(wrongArrow('src/server/core.ts', 'src/db/database.ts')).not.toBeNull();
    expect(wrongArrow('src/sync/protocol.ts', 'src/sync/client.ts')).not.toBeNull();
    expect(wrongArrow('src/app/results/ExportPanel.tsx', 'src/app/files/download.ts')).toBeNull();
    expect(wrongArrow('src/app/routes.ts', 'src/app/results/ResultsPage.tsx')).toBeNull();
  });

  it('finds a cycle of two modules, and of one that imports itself', () => {
    const found = cycles(
      new Map([
        ['a.ts', ['b.ts']],
        ['b.ts', ['c.ts', 'a.ts']],
        ['c.ts', []],
        ['d.ts', ['d.ts']],
      ]),
    );
    expect(found).toEqual([['a.ts', 'b.ts'], ['d.ts']]);
  });

  it('has no import cycle, type-only imports included', () => {
    expect(
      cycles(graph).map(
        (component) => `import cycle: ${loopThrough(component, graph)} (of ${component.join(', ')})`,
      ),
    ).toEqual([]);
  });
});
