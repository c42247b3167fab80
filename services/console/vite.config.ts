import { defineConfig } from 'vitest/config';
import { defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';

// `@tjc/source` first: the workspace's @tjc/contracts is consumed from its
// TypeScript sources (its labelled enums feed the option lists), so the
// console never needs contracts to be built first.
const conditions = ['@tjc/source', ...defaultClientConditions];

// `pnpm dev`: Vite serves the app with hot reload and forwards /api, /config.json
// (and /auth/dev-token) to the console server (node server/server.mjs on :3100), which signs dev
// tokens and proxies to the services.
const consoleServer = process.env['CONSOLE_SERVER_URL'] ?? 'http://127.0.0.1:3100';

export default defineConfig({
  plugins: [react()],
  resolve: { conditions },
  server: {
    port: 5173,
    // /auth/callback is the app's own route (the OIDC redirect); only the dev login goes to the server.
    proxy: { '/api': consoleServer, '/auth/dev-token': consoleServer, '/config.json': consoleServer },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 2500,
  },
  test: {
    environment: 'node',
    include: ['src/**/*.spec.ts', 'server/**/*.spec.mjs'],
  },
});
