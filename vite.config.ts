import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The app is served from the root of the venue server (`npm start`), so base is '/'.
export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      // Prompt mode: a new version waits until the user agrees (see src/app/pwa/).
      // Nobody's screen reloads by itself in the middle of a round.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/icon.svg', 'apple-touch-icon.png'],
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
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        // Every lazy role chunk, the CSS and the icons are precached: any route works offline.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: 'index.html',
        // The venue server's own pages: the sync API, the tablets' setup page and its certificate.
        navigateFallbackDenylist: [/^\/api\//, /^\/setup$/, /^\/ca\.crt$/],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: true,
  },
  server: { port: 5173 },
  preview: { port: 5180 },
});
