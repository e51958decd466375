// @vitest-environment node
// The data layer says why it refuses a write as a reason with parameters (src/db/errors.ts), never
// as text: the screens put it into words in the reader's language (src/app/i18n/error-text.ts).
// So no Chinese text may be left in src/db's code, its folders included (comments aside), but for
// the records it writes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/server/build-if-stale.mjs';

const DB = join(projectRoot, 'src', 'db');

/** Records written in Chinese whatever the screen's language: data, not messages. */
const RECORD_TEXTS: Readonly<Record<string, readonly string[]>> = {
  // The demo competition is Chinese in any language (its names, topics and units).
  'demo.ts': ['*'],
  // The name of a copied competition.
  'competitions.ts': ['（副本）'],
  // A rehearsal round's name and its simulated judges'.
  'rehearsal.ts': ['模拟评委', "'彩排'", '（彩排）'],
};

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+/g;

/** The Chinese left in a file's code once comments and the allowed record texts are removed. */
function chineseIn(code: string, allowed: readonly string[] = []): string[] {
  let stripped = code
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/\s\/\/ .*$/gm, '');
  for (const text of allowed) stripped = stripped.split(text).join('');
  return stripped.match(CJK) ?? [];
}

describe('src/db says why in reasons, not in text', () => {
  it('leaves no Chinese in the code but records', () => {
    const found: string[] = [];
    const files = readdirSync(DB, { recursive: true, encoding: 'utf8' }).filter((name) =>
      name.endsWith('.ts'),
    );
    for (const file of files) {
      const allowed = RECORD_TEXTS[file] ?? [];
      if (allowed.includes('*')) continue;
      const text = chineseIn(readFileSync(join(DB, file), 'utf8'), allowed);
      if (text.length > 0) found.push(`${file}: ${text.join(' ')}`);
    }
    expect(found).toEqual([]);
  });

  it('finds Chinese in code and not in comments (the scan can fail)', () => {
    expect(chineseIn("throw new RepositoryError('not-found', '找不到该轮次');")).toEqual(['找不到该轮次']);
    expect(chineseIn('// 彩排 is a rehearsal\n/** 评委 */\nconst x = 1; // 选手')).toEqual([]);
    expect(chineseIn("title: '彩排',", ["'彩排'"])).toEqual([]);
  });
});
