// index.html's app shell: the header and 加载中… the page shows while its scripts load. It is
// static HTML with a small script in the head, so nothing keeps it in step with the app's messages
// but this test: the same words as the app's first render, shown in the device's language, and
// no header on the projector's full screen, decided before the body is painted (a decision taken
// after it moved the painted shell: a layout shift).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { en, zhCN } from '../../../src/app/i18n/messages';

const root = join(import.meta.dirname, '../../..');
const indexHtml = readFileSync(join(root, 'index.html'), 'utf8');
const styles = readFileSync(join(root, 'src/app/styles.css'), 'utf8');
const head = /<head>([\s\S]*)<\/head>/.exec(indexHtml)?.[1] ?? '';
const body = /<body>([\s\S]*)<\/body>/.exec(indexHtml)?.[1] ?? '';
const headScript = /<script>([\s\S]*?)<\/script>/.exec(head)?.[1] ?? '';

/** The words of the shell a person sees: those the stylesheet does not hide. */
function shown(id: string): string {
  const words = [...(document.getElementById(id)?.querySelectorAll('.shell-words') ?? [])];
  return words
    .filter((word) => getComputedStyle(word).display !== 'none')
    .map((word) => word.textContent)
    .join('');
}

function showShell(path: string, storedLang: string | null) {
  window.history.replaceState(null, '', path);
  localStorage.clear();
  if (storedLang) localStorage.setItem('leitai.lang', storedLang);
  document.documentElement.lang = 'zh-CN';
  document.documentElement.className = '';
  document.head.innerHTML = `<style>${styles}</style>`;
  new Function(headScript)();
  document.body.innerHTML = body.replace(/<script[\s\S]*?<\/script>/g, '');
  const header = document.getElementById('shell-header');
  return {
    headerShown: header !== null && getComputedStyle(header).display !== 'none',
    name: shown('shell-name'),
    loading: shown('shell-loading'),
  };
}

afterEach(() => {
  localStorage.clear();
  document.documentElement.className = '';
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

describe('the app shell in index.html', () => {
  it('decides in the head, before the body, and the app renders over the shell in the root', () => {
    expect(headScript).toContain('full-screen-shell');
    expect(body).not.toMatch(/<script>/);
    expect(body.indexOf('id="shell-loading"')).toBeGreaterThan(body.indexOf('<div id="root">'));
  });

  it('shows the header and the loading line in Chinese by default, as the app does', () => {
    const shell = showShell('/judge', null);
    expect(shell.headerShown).toBe(true);
    expect(shell.name).toBe(zhCN['app.shortName']);
    expect(shell.loading).toBe(zhCN['app.loading']);
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('speaks English on a device switched to it', () => {
    const shell = showShell('/stage', 'en');
    expect(shell.name).toBe(en['app.shortName']);
    expect(shell.loading).toBe(en['app.loading']);
    expect(document.documentElement.lang).toBe('en');
  });

  it('has no header on the projector, a full-screen page, and covers the screen', () => {
    const shell = showShell('/projector/', 'zh-CN');
    expect(shell.headerShown).toBe(false);
    expect(shell.loading).toBe(zhCN['app.loading']);
    expect(getComputedStyle(document.getElementById('main') as HTMLElement).position).toBe('fixed');
  });
});
