import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { messageLanguages } from './src/build/message-languages.ts';
import { routePreloads } from './src/build/route-preloads.ts';
import { shellChunk } from './src/build/shell-chunk.ts';
import { API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION } from './src/sync/protocol.ts';

// The audience's voting page (/v) is an entry of its own, outside the app's shell.
const VOTING_PAGE = 'src/app/audience/vote.html';
const shell = shellChunk({ outside: (id) => id.includes('/src/app/audience/') });

// The app is served from the root of the venue server (`npm start`), so base is '/'.
export default defineConfig({
  // The voting page's protocol, written into it at build time: it shares no module with the app
  // (src/app/audience/vote.ts), so that a phone loads only its own few kilobytes.
  define: {
    __LEITAI_API_PREFIX__: JSON.stringify(API_PREFIX),
    __LEITAI_PROTOCOL_HEADER__: JSON.stringify(PROTOCOL_HEADER),
    __LEITAI_PROTOCOL_VERSION__: JSON.stringify(PROTOCOL_VERSION),
  },
  plugins: [
    react(),
    // One chunk per language for each message area (src/app/i18n/areas.ts).
    messageLanguages(),
    // index.html starts fetching the opened page's chunks together with the entry.
    routePreloads(fileURLToPath(new URL('./src/app', import.meta.url))),
    // Everything the entry imports statically in one chunk (src/build/shell-chunk.ts).
    shell.plugin,
    {
      // The modulepreload polyfill Vite adds to every page: the voting page loads one script,
      // and would otherwise share the polyfill with the app and so load the app's whole shell.
      name: 'leitai:voting-page-alone',
      apply: 'build',
      transform: {
        order: 'post',
        handler(code, id) {
          if (!id.endsWith(VOTING_PAGE)) return undefined;
          return code.replace(/import\s*["']vite\/modulepreload-polyfill(\.js)?["'];?/, '');
        },
      },
    },
    VitePWA({
      // Prompt mode: a new version waits until the user agrees (see src/app/pwa/).
      // Nobody's screen reloads by itself in the middle of a round.
      registerType: 'prompt',
      injectRegister: false,
      // Everything in dist/ is precached through globPatterns; listing icons again here or via
      // the manifest would only add duplicate precache entries.
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: '擂台 · Leitai 评分系统',
        short_name: '擂台评分',
        description:
          '擂台比武等现场评比活动的离线评分系统：评委平板打分，主持台与大屏公布成绩，组织者设置赛事并导出成绩。',
        lang: 'zh-CN',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#b71c1c',
        background_color: '#fffdf7',
        categories: ['productivity', 'utilities'],
        // A long press on the installed app's icon goes straight to a role.
        shortcuts: [
          { name: '评委评分', short_name: '评委', url: '/judge' },
          { name: '主持台', short_name: '主持台', url: '/stage' },
          { name: '大屏', short_name: '大屏', url: '/projector' },
          { name: '组织者', short_name: '组织者', url: '/organizer' },
        ],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        // Every lazy role chunk, the CSS, icons and fonts are precached: any route works offline.
        // (The plugin adds manifest.webmanifest itself; source maps stay out: nobody needs them
        // offline.) test/e2e/pwa-precache.test.ts checks the list against dist/.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,woff2,woff,ttf}'],
        // The spreadsheet library (the organizer's Excel import and export) is about 1 MB; above
        // the limit a file would silently be left out of the precache.
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: 'index.html',
        // The venue server's own pages: the sync API, the tablets' setup page and its certificate.
        navigateFallbackDenylist: [/^\/api\//, /^\/setup$/, /^\/ca\.crt$/, /^\/v$/],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  resolve: {
    // Dexie's ES2021 build instead of its ES5 one (what its import wrapper loads): the same API,
    // 2 KB less gzipped on every page. Everything imports 'dexie' through this alias, so there
    // is one Dexie in the app (the wrapper's reason to exist). Tests and Node use the default.
    alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }],
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    // dist/.vite/manifest.json: the chunk graph the budget script (test/budgets) measures.
    manifest: true,
    rolldownOptions: {
      // The app, and the audience's tiny voting page (served at /v by the venue server).
      input: {
        app: fileURLToPath(new URL('./index.html', import.meta.url)),
        vote: fileURLToPath(new URL(`./${VOTING_PAGE}`, import.meta.url)),
      },
      output: { codeSplitting: { groups: [shell.group] } },
      // The repository module only re-exports: declared free of side effects, a screen that
      // imports one function from it does not pull every other data-layer module into its chunk
      // (the judge's tablet would otherwise load the organizer's import, draw and demo code).
      treeshake: {
        moduleSideEffects: (id: string) => (id.endsWith('/src/db/repository.ts') ? false : undefined),
      },
    },
  },
  server: { port: 5173 },
  preview: { port: 5180 },
});
