import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Served by the API under /console; `vite` dev server proxies /api to a running API (API_URL, default :3000). */
export default defineConfig({
  root,
  base: '/console/',
  // React 17+ automatic JSX through esbuild, so no @vitejs/plugin-react is needed.
  esbuild: { jsx: 'automatic' },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': process.env.API_URL ?? 'http://127.0.0.1:3000' } },
});
