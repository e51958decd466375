// @vitest-environment node
/**
 * Screens read through the read model (src/db/queries, re-exported by src/db/repository.ts) and
 * never name a Dexie table, an index or a transaction's tables themselves: when the storage
 * changes, the queries change in one place and no screen silently reads the old shape.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const app = join(root, 'src/app');

/** The tables the database declares (`declare marks: Table<…>`), read from its source. */
const tables = [
  ...readFileSync(join(root, 'src/db/database.ts'), 'utf8').matchAll(/^\s*declare (\w+): Table</gm),
].map((match) => match[1]);

const forbidden = new RegExp(
  [
    // The database's tables, its table list, or a transaction over them.
    `\\b(?:db|database)\\s*\\.\\s*(?:${tables.join('|')}|tables|table|transaction)\\b`,
    // Dexie's query vocabulary, on whatever it is called.
    String.raw`\.\s*(?:table|where|toArray|orderBy|sortBy|bulkGet|between)\s*\(`,
  ].join('|'),
  'g',
);

function sourcesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Each direct read of the text as `line: code`; comments (which may explain a table) left out. */
function directReads(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  return code.split('\n').flatMap((line, index) => {
    const withoutComment = line.replace(/\/\/.*$/, '');
    return [...withoutComment.matchAll(forbidden)].map((match) => `${index + 1}: ${match[0]}`);
  });
}

describe('the read model', () => {
  it('knows the tables of the database', () => {
    expect(tables).toEqual(expect.arrayContaining(['competitions', 'rounds', 'marks', 'drafts', 'outbox']));
  });

  it('recognises a direct read however it is written', () => {
    expect(directReads("const x = await db.marks.where('roundId').equals(id).toArray();")).toEqual([
      '1: db.marks',
      '1: .where(',
      '1: .toArray(',
    ]);
    expect(directReads("db.transaction('r', [db.rounds], read);\nconst t = store.table('judges');")).toEqual([
      '1: db.transaction',
      '1: db.rounds',
      '2: .table(',
    ]);
    expect(
      directReads('/* db.marks.where( */ // db.rounds.toArray()\nuseLiveRead(marksOfSheet, id);'),
    ).toEqual([]);
  });

  it('is the only way src/app reads: no file names a table or an index', () => {
    const offenders = sourcesUnder(app).flatMap((path) =>
      directReads(readFileSync(path, 'utf8')).map((read) => `${relative(root, path)}:${read}`),
    );
    expect(offenders).toEqual([]);
  });
});
