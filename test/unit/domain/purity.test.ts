// @vitest-environment node
/**
 * src/domain stays pure: it imports only its own modules and touches no clock, randomness,
 * locale, storage, DOM or Node API, so the same round scores identically on every device.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const domain = join(import.meta.dirname, '../../../src/domain');
const sources = readdirSync(domain)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file, text: readFileSync(join(domain, file), 'utf8') }));

const forbidden: [string, RegExp][] = [
  ['a clock', /\bDate\b|\bperformance\.|\bsetTimeout\b|\bsetInterval\b/],
  ['randomness', /Math\.random|\bcrypto\b/],
  ['the locale', /toLocale\w*\(|localeCompare|\bIntl\./],
  ['the DOM or storage', /\bwindow\.|\bdocument\.|\blocalStorage\b|\bindexedDB\b|\bnavigator\./],
  ['Node', /\bprocess\.|\brequire\(|\bBuffer\b/],
  ['floating-point parsing or formatting', /parseFloat|\.toFixed\(|\.toPrecision\(/],
];

describe('src/domain purity', () => {
  it('has modules to check', () => {
    expect(sources.map((source) => source.file)).toContain('engine.ts');
  });

  it.each(sources)('$file imports only sibling domain modules', ({ text }) => {
    const imports = [...text.matchAll(/^\s*import[^'"]*['"]([^'"]+)['"]/gm)].map((match) => match[1]);
    expect(imports.filter((path) => !path?.startsWith('./'))).toEqual([]);
  });

  it.each(sources)('$file uses no clock, randomness, locale, DOM, Node or float formatting', ({ text }) => {
    const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(forbidden.filter(([, pattern]) => pattern.test(code)).map(([what]) => what)).toEqual([]);
  });
});
