// @ts-check
/**
 * The console's server (node:http, no dependencies): see app.mjs for what it
 * answers, config.mjs for its environment.
 *
 * Sign-in with the OIDC provider happens in the browser (src/auth/oidc.ts):
 * this server only tells the app where the provider is. In production it
 * then only serves files and proxies (or a gateway/ingress does both).
 */
import { createServer } from 'node:http';
import { createConsoleHandler } from './app.mjs';
import { consoleConfigFrom } from './config.mjs';

let config;
try {
  config = consoleConfigFrom(process.env);
} catch (error) {
  process.stderr.write(`${/** @type {Error} */ (error).message}\n`);
  process.exit(1);
}
const c = config;
const server = createServer(createConsoleHandler(c));

server.on('error', (error) => {
  process.stderr.write(`console: cannot listen on ${c.host}:${c.port}: ${error.message}\n`);
  process.exit(1);
});
server.listen(c.port, c.host, () => {
  process.stdout.write(
    `console: http://${c.host}:${c.port}/  (dev login ${c.devLogin ? 'ON — development only' : 'off'}; OIDC sign-in ${c.oidcIssuer ?? 'off'}; services: ${[...c.upstreams].map(([k, v]) => `${k}=${v}`).join(' ')})\n`,
  );
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
