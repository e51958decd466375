// index.html's app shell: the header and 加载中… the page shows while its scripts load. It is
// static HTML with a small inline script, so nothing keeps it in step with the app's messages but
// this test: the same words as the app's first render, in the device's language, and no header
// on the projector's full screen.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { en, zhCN } from '../../../src/app/i18n/messages';

const indexHtml = readFileSync(join(import.meta.dirname, '../../../index.html'), 'utf8');
const body = /<body>([\s\S]*)<\/body>/.exec(indexHtml)?.[1] ?? '';
const shellScript = /<div id="root">[\s\S]*?<\/div>\s*<script>([\s\S]*?)<\/script>/.exec(body)?.[1] ?? '';

function showShell(path: string, storedLang: string | null) {
  window.history.replaceState(null, '', path);
  localStorage.clear();
  if (storedLang) localStorage.setItem('leitai.lang', storedLang);
  document.documentElement.lang = 'zh-CN';
  document.body.innerHTML = body.replace(/<script[\s\S]*?<\/script>/g, '');
  new Function(shellScript)();
  return {
    header: document.getElementById('shell-header'),
    name: document.getElementById('shell-name')?.textContent,
    loading: document.getElementById('shell-loading')?.textContent,
  };
}

afterEach(() => {
  localStorage.clear();
  document.body.innerHTML = '';
});

describe('the app shell in index.html', () => {
  it('has a script to run, inside the root the app renders into', () => {
    expect(shellScript).toContain('shell-header');
    expect(body.indexOf('id="shell-loading"')).toBeGreaterThan(body.indexOf('<div id="root">'));
  });

  it('shows the header and the loading line in Chinese by default, as the app does', () => {
    const shell = showShell('/judge', null);
    expect(shell.header).not.toBeNull();
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

  it('has no header on the projector, a full-screen page', () => {
    const shell = showShell('/projector/', 'zh-CN');
    expect(shell.header).toBeNull();
    expect(document.getElementById('main')?.className).toBe('shell-full');
    expect(shell.loading).toBe(zhCN['app.loading']);
  });
});
