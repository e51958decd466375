// A Vite plugin: one chunk per language for each message area (src/app/i18n/areas.ts).
//
// An area's module keeps both languages side by side, as its author writes them and as
// TypeScript checks them (`<area>Zh`, and `<area>En` with the same keys). areas.ts imports it
// as `./<area>?lang=zh-CN` and `./<area>?lang=en`; in the build, this plugin keeps only that
// language's table in each, so a tablet in Chinese does not download the English one. Without
// the plugin (the dev server, vitest) the query is ignored and each import is the whole module.

import type { Plugin } from 'vite';

const LANGUAGE_SUFFIX = { 'zh-CN': 'Zh', en: 'En' } as const;
type Language = keyof typeof LANGUAGE_SUFFIX;

interface Node {
  type: string;
  start: number;
  end: number;
  declaration?: { type: string; declarations?: { id: { type: string; name?: string } }[] } | null;
}

/** The top-level `export const <name>Zh/En = …` declarations of a compiled area module. */
function tableExports(body: Node[]) {
  return body.flatMap((node) => {
    const declarator = node.declaration?.declarations?.[0];
    if (node.type !== 'ExportNamedDeclaration' || node.declaration?.type !== 'VariableDeclaration') return [];
    if (declarator?.id.type !== 'Identifier' || !declarator.id.name) return [];
    return [{ name: declarator.id.name, start: node.start, end: node.end }];
  });
}

export function messageLanguages(): Plugin {
  return {
    name: 'leitai:message-languages',
    // After TypeScript is compiled away: the module is plain JavaScript here.
    enforce: 'post',
    transform(code, id) {
      const match = /\/src\/app\/i18n\/[\w-]+\.ts\?lang=([\w-]+)$/.exec(id);
      if (!match) return null;
      const language = match[1] as Language;
      if (!(language in LANGUAGE_SUFFIX)) this.error(`unknown language "${language}" in ${id}`);
      const tables = tableExports((this.parse(code) as unknown as { body: Node[] }).body);
      const keep = tables.filter((table) => table.name.endsWith(LANGUAGE_SUFFIX[language]));
      const drop = tables.filter((table) => !keep.includes(table));
      if (keep.length !== 1 || drop.length !== 1) {
        this.error(`${id}: expected one <area>Zh and one <area>En table, found ${tables.map((t) => t.name)}`);
      }
      const [kept, dropped] = [keep[0], drop[0]] as [(typeof keep)[0], (typeof drop)[0]];
      // Blank the other table, keeping its line breaks: the code after it does not move, so
      // the source map stays right.
      const removed = code.slice(dropped.start, dropped.end).replace(/[^\n]/g, '');
      const out = code.slice(0, dropped.start) + removed + code.slice(dropped.end);
      if (new RegExp(`\\b${dropped.name}\\b`).test(out)) {
        this.error(`${id}: ${kept.name} uses ${dropped.name}, so it cannot be loaded alone`);
      }
      return { code: out, map: null };
    },
  };
}
