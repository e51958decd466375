// @vitest-environment node
/** `main` in-process, with a fake file system: the paths that are awkward to reach with real files. */
import { describe, expect, it } from 'vitest';
import { issueLine, main } from '../../../src/cli/main.ts';
import { issue } from '../../../src/domain/issues.ts';
import { recordingIo } from './recording-io.ts';

function fakeIo(files: Record<string, Uint8Array | NodeJS.ErrnoException>) {
  return recordingIo((file) => {
    const found = files[file];
    if (found === undefined) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
    if (found instanceof Error) throw found;
    return found;
  });
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const errno = (code: string) => Object.assign(new Error(code), { code });

describe('main', () => {
  it('refuses unreadable files with a reason naming the file', () => {
    const cases: [Uint8Array | NodeJS.ErrnoException, RegExp][] = [
      [errno('EISDIR'), /round\.json 是一个文件夹/],
      [errno('EACCES'), /没有权限读取文件 round\.json/],
      [errno('EIO'), /无法读取文件 round\.json：EIO/],
      [new Uint8Array([0xc6, 0xc0, 0xce, 0xaf]), /不是 UTF-8 编码/],
      [utf8(''), /round\.json 是空文件/],
      [utf8('[1, 2'), /不是有效的 JSON（第 1 行第 6 列）/],
      [utf8('[]'), /不符合评分规则.*\n {2}\(file\) 应为对象/],
    ];
    for (const [content, message] of cases) {
      const { io, out } = fakeIo({ 'round.json': content });
      expect(main(['score', 'round.json'], io)).toBe(1);
      expect(out.stdout).toBe('');
      expect(out.stderr).toMatch(message);
    }
  });

  it('reads standard input for "-"', () => {
    const { io, out } = fakeIo({ '-': utf8('{') });
    expect(main(['score', '-', '--lang', 'en'], io)).toBe(1);
    expect(out.stderr).toMatch(/^leitai: \(standard input\) is not valid JSON/);
  });

  it('prints a usage error and a hint in the requested language, exit 2', () => {
    const { io, out } = fakeIo({});
    expect(main(['score', '--lang', 'en'], io)).toBe(2);
    expect(out.stderr).toBe('leitai: missing the FILE to score\nrun leitai score --help for usage\n');
  });
});

describe('issueLine', () => {
  it('adds the path when the message does not already say it', () => {
    expect(issueLine(issue('duplicateJudgeId', 'judges[3]', { id: 'J2' }), 'zh-CN')).toBe(
      '评委编号 J2 重复（位置：judges[3]）',
    );
    expect(issueLine(issue('unknownJudge', 'scores[5]', { judge: 'J9' }), 'en')).toBe(
      'scores[5] refers to an unknown judge J9',
    );
  });
});
