import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web app, served by `stratoflow serve` under /ui/ (no API path starts with /ui). `npm run build`
 * writes it to dist/web; `npm run dev:web` serves it with hot reload, proxying the API to :8080.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/ui/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    // Never empty dist/web: the suite's `npm start` test rebuilds while browser tests load the same
    // (content-hashed, so unchanged) files from it.
    emptyOutDir: false,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '^/(workflows|components|vault|openapi.json|healthz|readyz|authorize|docs)': 'http://127.0.0.1:8080',
    },
  },
});
