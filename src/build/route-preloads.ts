// A Vite plugin: index.html starts fetching the opened page's chunks at once.
//
// Each role page is a lazy chunk (src/app/routes.ts), so a tablet opening /judge would fetch
// index.html, then the entry, and only once the entry runs, the judge page's chunks: three
// round trips before the first paint. A small inline script in index.html looks at the address
// and adds <link rel="modulepreload"> (and a stylesheet preload) for that page's chunks and its
// Chinese message tables (src/app/i18n/areas.ts), which then load alongside the entry. Same
// files, fetched earlier; the service worker precaches them all either way.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Plugin, Rolldown } from 'vite';

type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

/** `lazyPage('/path', …, () => import('./dir/Page'))` in routes.ts: the path and the module file. */
function routeModules(routesFile: string): { path: string; module: string }[] {
  const text = readFileSync(routesFile, 'utf8');
  return [...text.matchAll(/lazyPage\(\s*'([^']+)'[\s\S]*?import\('([^']+)'\)/g)].map((match) => ({
    path: match[1] as string,
    module: resolve(dirname(routesFile), match[2] as string),
  }));
}

/** `routeAreas` in areas.ts: each path's message areas. */
function routeAreas(areasFile: string): Record<string, string[]> {
  const text = readFileSync(areasFile, 'utf8');
  const block = /export const routeAreas[^=]*=\s*\{([\s\S]*?)\n\};/.exec(text)?.[1];
  if (!block) throw new Error(`route-preloads: no routeAreas in ${areasFile}`);
  const areas: Record<string, string[]> = {};
  for (const match of block.matchAll(/'(\/[^']*)':\s*\[([^\]]*)\]/g)) {
    areas[match[1] as string] = [...(match[2] as string).matchAll(/'([^']+)'/g)].map(
      (area) => area[1] as string,
    );
  }
  return areas;
}

function isChunk(output: OutputBundle[string] | undefined): output is OutputChunk {
  return output?.type === 'chunk';
}

/** A chunk's file and its static imports, transitively; and their stylesheets. */
function closure(bundle: OutputBundle, fileName: string, js: Set<string>, css: Set<string>): void {
  const chunk = bundle[fileName];
  if (!isChunk(chunk) || js.has(fileName)) return;
  js.add(fileName);
  for (const file of chunk.viteMetadata?.importedCss ?? []) css.add(file);
  for (const imported of chunk.imports) closure(bundle, imported, js, css);
}

/** `app`: the folder of routes.ts and i18n/areas.ts. */
export function routePreloads(app: string): Plugin {
  return {
    name: 'leitai:route-preloads',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle;
        // Only the app's page: the audience's voting page (/v) has no routes.
        if (!bundle || context.path !== '/index.html') return html;
        const chunks = Object.values(bundle).filter(isChunk);
        const entry = context.chunk ?? chunks.find((chunk) => chunk.isEntry);
        // What index.html loads anyway (the entry, its imports, its stylesheets) is not repeated.
        const entryJs = new Set<string>();
        const entryCss = new Set<string>();
        if (entry) closure(bundle, entry.fileName, entryJs, entryCss);
        const table: Record<string, string[]> = {};
        const areas = routeAreas(resolve(app, 'i18n', 'areas.ts'));
        for (const { path, module } of routeModules(resolve(app, 'routes.ts'))) {
          const page = chunks.find((chunk) => chunk.facadeModuleId?.replace(/\.tsx?$/, '') === module);
          if (!page) throw new Error(`route-preloads: no chunk for ${path} (${module})`);
          const js = new Set<string>();
          const css = new Set<string>();
          closure(bundle, page.fileName, js, css);
          for (const area of areas[path] ?? []) {
            const table = resolve(app, 'i18n', `${area}.ts?lang=zh-CN`);
            const chunk = chunks.find((candidate) => candidate.facadeModuleId === table);
            if (!chunk) throw new Error(`route-preloads: no chunk for the ${area} messages of ${path}`);
            closure(bundle, chunk.fileName, js, css);
          }
          table[path] = [...js, ...css]
            .filter((file) => !entryJs.has(file) && !entryCss.has(file))
            .map((file) => `/${file}`);
        }
        const script = [
          '(function(){',
          `var t=${JSON.stringify(table)};`,
          "var p=location.pathname.replace(/\\/+$/,'')||'/',h=document.head;",
          "(t[p]||[]).forEach(function(f){var l=document.createElement('link');",
          "if(/\\.css$/.test(f)){l.rel='preload';l.as='style'}else{l.rel='modulepreload'}",
          "l.crossOrigin='';l.href=f;h.appendChild(l)});",
          '})()',
        ].join('');
        // Before the entry's script and stylesheet: an inline script after a stylesheet would
        // wait for it, and start the downloads one round trip later.
        const entryTag = html.indexOf('<script type="module"');
        if (entryTag < 0) throw new Error('route-preloads: index.html has no module script');
        return `${html.slice(0, entryTag)}<script>${script}</script>\n    ${html.slice(entryTag)}`;
      },
    },
  };
}
