import { describe, expect, it } from 'vitest';
import { parseArguments } from '../../../src/cli/args.ts';

describe('parseArguments', () => {
  it('reads score FILE with its options in any order', () => {
    expect(parseArguments(['score', 'a.json'])).toEqual({
      ok: true,
      command: { kind: 'score', file: 'a.json', table: false },
      language: 'zh-CN',
    });
    expect(parseArguments(['score', '--table', '--lang', 'en', 'a.json'])).toEqual({
      ok: true,
      command: { kind: 'score', file: 'a.json', table: true },
      language: 'en',
    });
    expect(parseArguments(['score', 'a.json', '--lang=en'])).toMatchObject({ ok: true, language: 'en' });
    expect(parseArguments(['score', '--', '--odd-name.json'])).toMatchObject({
      ok: true,
      command: { kind: 'score', file: '--odd-name.json' },
    });
    expect(parseArguments(['score', '-'])).toMatchObject({ ok: true, command: { kind: 'score', file: '-' } });
  });

  it('gives help for leitai and for leitai score', () => {
    expect(parseArguments(['--help'])).toMatchObject({ ok: true, command: { kind: 'help', topic: 'main' } });
    expect(parseArguments(['-h'])).toMatchObject({ ok: true, command: { kind: 'help', topic: 'main' } });
    expect(parseArguments(['help'])).toMatchObject({ ok: true, command: { kind: 'help', topic: 'main' } });
    expect(parseArguments(['score', '--help'])).toMatchObject({
      ok: true,
      command: { kind: 'help', topic: 'score' },
    });
    expect(parseArguments(['help', 'score'])).toMatchObject({
      ok: true,
      command: { kind: 'help', topic: 'score' },
    });
    expect(parseArguments([])).toMatchObject({ ok: true, command: { kind: 'usage' } });
  });

  it('names each usage error', () => {
    const errorOf = (argv: string[]) => {
      const parsed = parseArguments(argv);
      return parsed.ok ? null : parsed.error;
    };
    expect(errorOf(['frob'])).toEqual({ key: 'unknownCommand', params: { value: 'frob' } });
    expect(errorOf(['score'])).toEqual({ key: 'missingFile', params: {} });
    expect(errorOf(['score', 'a.json', 'b.json'])).toEqual({
      key: 'extraArgument',
      params: { value: 'b.json' },
    });
    expect(errorOf(['score', 'a.json', '--bogus'])).toEqual({
      key: 'unknownOption',
      params: { value: '--bogus' },
    });
    expect(errorOf(['score', 'a.json', '--lang'])).toEqual({ key: 'missingLanguage', params: {} });
    expect(errorOf(['score', 'a.json', '--lang', 'fr'])).toEqual({
      key: 'unknownLanguage',
      params: { value: 'fr' },
    });
    expect(errorOf(['score', 'a.json', '--table=yes'])).toEqual({
      key: 'optionTakesNoValue',
      params: { value: '--table' },
    });
    expect(errorOf(['check', 'a.json'])).toEqual({ key: 'unknownCommand', params: { value: 'check' } });
  });

  it('uses the requested language for the usage error itself', () => {
    expect(parseArguments(['score', '--lang', 'en'])).toMatchObject({
      ok: false,
      language: 'en',
      topic: 'score',
    });
  });
});
