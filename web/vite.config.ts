import { defineConfig } from 'vite';

// `npm run dev` proxies the API to a running `boucle serve` (BOUCLE_API, default 127.0.0.1:8080).
const api = process.env.BOUCLE_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 250,
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': { target: api },
    },
  },
});
