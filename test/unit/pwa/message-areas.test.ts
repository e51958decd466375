// @vitest-environment node
// The message areas (src/app/i18n/areas.ts) against the code: every message key a screen's code
// uses must be loaded wherever that code can run. The shell (main.tsx and what it imports,
// outside the role pages) may use only the shell's keys; a role page and everything it imports
// may use the shell's and its route's areas (routeAreas); a lazyPart([areas], () => import(…))
// adds its areas for what it imports; a file that loads an area itself (loadArea('…'), as
// error-text.ts does) may use that area's keys. A missing area would show a raw key on a
// production screen.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { areaLoaders, type MessageArea, routeAreas } from '../../../src/app/i18n/areas';
import { zhCN } from '../../../src/app/i18n/messages';
import { projectRoot } from '../../../src/server/build-if-stale.mjs';

const SHELL = 'shell';
type Owner = MessageArea | typeof SHELL;

/** Which table each key is in. */
async function keyOwners(): Promise<Map<string, Owner[]>> {
  const owners = new Map<string, Owner[]>();
  const add = (key: string, owner: Owner) => owners.set(key, [...(owners.get(key) ?? []), owner]);
  for (const key of Object.keys(zhCN)) add(key, SHELL);
  for (const area of Object.keys(areaLoaders) as MessageArea[]) {
    for (const key of Object.keys(await areaLoaders[area]['zh-CN']())) add(key, area);
  }
  return owners;
}

interface SourceFile {
  staticImports: string[];
  /** Dynamic imports, with the areas a lazyPart around one adds (null: not a lazyPart). */
  dynamicImports: { path: string; areas: MessageArea[] | null }[];
  literals: string[];
  templatePrefixes: string[];
  /** The areas the file loads itself before it uses their keys. */
  ownAreas: MessageArea[];
}

const sources = new Map<string, SourceFile>();

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null; // a package
  const base = resolve(dirname(from), specifier.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (/\.(ts|tsx)$/.test(candidate) && readFileSync(candidate)) return candidate;
    } catch {
      // try the next extension
    }
  }
  return null; // css and other assets
}

function readSource(file: string): SourceFile {
  const cached = sources.get(file);
  if (cached) return cached;
  const text = readFileSync(file, 'utf8');
  const code = text.replace(/^\s*\/\/.*$/gm, '');
  const staticImports = [...code.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)]
    .map((match) => resolveImport(file, match[1] as string))
    .filter((path): path is string => path !== null);
  const lazyParts = new Map<string, MessageArea[]>();
  for (const match of code.matchAll(
    /lazyPart\(\s*\[((?:\s*'[\w-]+'\s*,?)*)\]\s*,\s*\(\)\s*=>\s*import\('([^']+)'\)/g,
  )) {
    const areas = [...(match[1] as string).matchAll(/'([^']+)'/g)].map((area) => area[1] as MessageArea);
    lazyParts.set(match[2] as string, areas);
  }
  const dynamicImports = [...code.matchAll(/import\('([^']+)'\)/g)].flatMap((match) => {
    const path = resolveImport(file, match[1] as string);
    return path ? [{ path, areas: lazyParts.get(match[1] as string) ?? null }] : [];
  });
  const source = {
    staticImports,
    dynamicImports,
    literals: [...code.matchAll(/(['"`])([a-zA-Z]+\.[\w.]+)\1/g)].map((match) => match[2] as string),
    templatePrefixes: [...code.matchAll(/`([a-zA-Z]+\.[\w.]*)\$\{/g)].map((match) => match[1] as string),
    ownAreas: [...code.matchAll(/loadArea\('([\w-]+)'\)/g)].map((match) => match[1] as MessageArea),
  };
  sources.set(file, source);
  return source;
}

const app = (path: string) => join(projectRoot, 'src', 'app', path);
const ROUTES = app('routes.ts');
const AREAS = app('i18n/areas.ts');

/**
 * Every file reachable from `root` with the areas loaded there. Dynamic imports in routes.ts
 * (the pages) and areas.ts (the tables) are boundaries the caller handles.
 */
function reachable(root: string, areas: Owner[]): Map<string, Owner[]> {
  const seen = new Map<string, Owner[]>();
  const visit = (file: string, loaded: Owner[]) => {
    const before = seen.get(file);
    if (before && loaded.every((area) => before.includes(area))) return;
    // A file reached with fewer areas is checked against those: the strictest wins.
    seen.set(file, before ? before.filter((area) => loaded.includes(area)) : loaded);
    const source = readSource(file);
    for (const imported of source.staticImports) visit(imported, loaded);
    if (file === ROUTES || file === AREAS) return;
    for (const { path, areas: added } of source.dynamicImports) visit(path, [...loaded, ...(added ?? [])]);
  };
  visit(root, areas);
  return seen;
}

function problems(files: Map<string, Owner[]>, owners: Map<string, Owner[]>, where: string): string[] {
  const found: string[] = [];
  for (const [file, loaded] of files) {
    const source = readSource(file);
    const check = (key: string) => {
      const owner = owners.get(key)?.[0];
      if (owner && !loaded.includes(owner) && !source.ownAreas.includes(owner as MessageArea)) {
        found.push(`${where}: ${relative(projectRoot, file)} uses ${key} (area ${owner}), not loaded there`);
      }
    };
    for (const literal of source.literals) check(literal);
    for (const prefix of source.templatePrefixes) {
      for (const key of owners.keys()) if (key.startsWith(prefix)) check(key);
    }
  }
  return found;
}

/** The role pages of routes.ts, as the budget script reads them. */
function rolePages(): { path: string; file: string }[] {
  const text = readFileSync(ROUTES, 'utf8');
  return [...text.matchAll(/lazyPage\(\s*'([^']+)'[\s\S]*?import\('([^']+)'\)/g)].map((match) => ({
    path: match[1] as string,
    file: resolveImport(ROUTES, match[2] as string) as string,
  }));
}

describe('message areas', () => {
  it('puts every key in exactly one table', async () => {
    const owners = await keyOwners();
    const twice = [...owners].filter(([, tables]) => tables.length > 1).map(([key, t]) => `${key}: ${t}`);
    expect(twice).toEqual([]);
    expect(owners.size).toBeGreaterThan(500);
  });

  it('loads every area a screen uses, with the screen', async () => {
    const owners = await keyOwners();
    const found = problems(reachable(app('main.tsx'), [SHELL]), owners, 'shell');
    const pages = rolePages();
    expect(pages.map((page) => page.path)).toEqual(expect.arrayContaining(Object.keys(routeAreas)));
    for (const { path, file } of pages) {
      found.push(...problems(reachable(file, [SHELL, ...(routeAreas[path] ?? [])]), owners, path));
    }
    expect(found).toEqual([]);
  });

  it('finds a key used outside its areas (the check can fail)', async () => {
    const owners = await keyOwners();
    const judgePage = rolePages().find((page) => page.path === '/judge')?.file as string;
    const found = problems(reachable(judgePage, [SHELL]), owners, '/judge without its areas');
    expect(found.some((problem) => problem.includes('uses judge.'))).toBe(true);
  });
});
