// @vitest-environment node
/** Design tokens: a colour is written once, in tokens.css; every other stylesheet and component names it. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const app = join(import.meta.dirname, '../../../src/app');
const sources = (readdirSync(app, { recursive: true }) as string[])
  .filter((file) => /\.(css|tsx?)$/.test(file))
  .map((file) => ({ file: relative(app, join(app, file)), text: readFileSync(join(app, file), 'utf8') }));
const stylesheets = sources.filter(({ file }) => file.endsWith('.css'));
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '');

const HEX_COLOUR = /#(?:[0-9a-f]{8}|[0-9a-f]{6}|[0-9a-f]{3,4})\b/gi;

describe('design tokens', () => {
  it('finds the stylesheets and the tokens', () => {
    expect(stylesheets.map(({ file }) => file)).toEqual(expect.arrayContaining(['tokens.css', 'styles.css']));
    expect(sources.length).toBeGreaterThan(stylesheets.length);
  });

  it('writes a literal hex colour only in tokens.css', () => {
    const found = sources
      .filter(({ file }) => file !== 'tokens.css')
      .flatMap(({ file, text }) =>
        (withoutComments(text).match(HEX_COLOUR) ?? []).map((hex) => `${file}: ${hex}`),
      );
    expect(found).toEqual([]);
  });

  it('uses no custom property that no stylesheet defines', () => {
    const defined = new Set(
      stylesheets.flatMap(({ text }) => [...text.matchAll(/(--[\w-]+)\s*:/g)].map((match) => match[1])),
    );
    const undefinedUses = stylesheets.flatMap(({ file, text }) =>
      [...withoutComments(text).matchAll(/var\(\s*(--[\w-]+)\s*\)/g)]
        .map((match) => match[1] as string)
        .filter((name) => !defined.has(name))
        .map((name) => `${file}: ${name}`),
    );
    expect(undefinedUses).toEqual([]);
  });
});
