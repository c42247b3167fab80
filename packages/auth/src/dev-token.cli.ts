#!/usr/bin/env node
/**
 * Development issuer on the command line:
 *   tjc-dev-token --sub zhang.wei --name 张伟 --role coordinator --network research
 * Reads AUTH_DEV_SECRET, AUTH_DEV_ISSUER, AUTH_AUDIENCE from the environment.
 */
import { parseArgs } from 'node:util';
import { PrincipalSchema } from './principal';
import { issueDevToken } from './token-verifier';

async function main() {
  const { values } = parseArgs({ options: { sub: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', multiple: true }, network: { type: 'string' }, ttl: { type: 'string' } } });
  const secret = process.env['AUTH_DEV_SECRET'];
  if (!secret) throw new Error('AUTH_DEV_SECRET is not set');
  const principal = PrincipalSchema.parse({ sub: values.sub ?? 'dev', name: values.name ?? values.sub ?? 'dev', roles: values.role ?? ['reader'], network: values.network });
  const token = await issueDevToken({ issuer: process.env['AUTH_DEV_ISSUER'] ?? 'tjc-dev-issuer', audience: process.env['AUTH_AUDIENCE'] ?? 'tjc-platform', devSecret: secret }, principal, Number(values.ttl ?? 8 * 3600));
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
