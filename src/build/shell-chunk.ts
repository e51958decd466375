// A Vite plugin: what every page loads first comes in one chunk.
//
// The entry (src/app/main.tsx) and everything it imports statically (React, Dexie, the message
// tables' loader, the data layer's schema) load on every page before anything shows. Left to
// itself the bundler cuts that set into several chunks by which lazy pages also import each part;
// every page fetches all of them anyway, and each file is compressed on its own, so the cuts only
// cost bytes (about 1 kB gzipped per page). This plugin finds the entry's static closure once the
// module graph is known and names it one chunk group ("shell") for the bundler's code splitting.
// The closure follows every static import, re-exports included: a shell module that imports
// from the repository barrel (src/db/repository.ts) would put the whole data layer in the shell,
// so shell modules import the query or write they need from its own module (the budget script,
// test/budgets, shows it at once).

import type { Plugin } from 'vite';

export interface ShellChunk {
  plugin: Plugin;
  /** For `build.rolldownOptions.output.codeSplitting.groups`. */
  group: { name: string; test: (id: string) => boolean };
}

/** `outside`: entries of their own (the audience's voting page), whose modules stay out of the shell. */
export function shellChunk({ outside }: { outside?: (id: string) => boolean } = {}): ShellChunk {
  const shell = new Set<string>();
  const plugin: Plugin = {
    name: 'leitai-shell-chunk',
    apply: 'build',
    buildEnd() {
      shell.clear();
      const closure = (roots: string[]): Set<string> => {
        const seen = new Set<string>();
        const pending = [...roots];
        while (pending.length > 0) {
          const id = pending.pop() as string;
          if (seen.has(id)) continue;
          seen.add(id);
          pending.push(...(this.getModuleInfo(id)?.importedIds ?? []));
        }
        return seen;
      };
      const entries = [...this.getModuleIds()].filter(
        (id) => this.getModuleInfo(id)?.isEntry && !outside?.(id),
      );
      for (const id of closure(entries)) shell.add(id);
    },
  };
  return { plugin, group: { name: 'shell', test: (id) => shell.has(id) } };
}
