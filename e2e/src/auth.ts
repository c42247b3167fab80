/**
 * Really signed development tokens for the end-to-end suites, from the
 * same issuer settings the running services read (infra/env.sh).
 */
import { issueDevToken, type Principal } from '@tjc/auth';

export function devAuthConfig(): { issuer: string; audience: string; devSecret: string } {
  const devSecret = process.env['AUTH_DEV_SECRET'];
  if (!devSecret) throw new Error('AUTH_DEV_SECRET is not set: source infra/env.sh first');
  return { issuer: process.env['AUTH_DEV_ISSUER'] ?? 'tjc-dev-issuer', audience: process.env['AUTH_AUDIENCE'] ?? 'tjc-platform', devSecret };
}

export function devToken(principal: Principal, ttlSeconds = 600): Promise<string> {
  return issueDevToken(devAuthConfig(), principal, ttlSeconds);
}
