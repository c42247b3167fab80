/**
 * Where the services are and which credentials the demo uses: the same
 * sources as ./platform. Ports come from infra/services.conf; the token
 * issuer's secret and the partners' signing secrets from the environment
 * infra/env.sh exports, or, when the demo is run by hand without sourcing it,
 * from the files env.sh generates into .run/secrets/.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const SERVICE_NAMES = ['research-network', 'industry-network', 'service-network', 'fund-network', 'kpi', 'partner-gateway'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const DEFAULT_PORTS: Record<ServiceName, number> = {
  'research-network': 3101,
  'industry-network': 3102,
  'service-network': 3103,
  'fund-network': 3104,
  kpi: 3105,
  'partner-gateway': 3106,
};

export const CONSOLE_URL = 'http://127.0.0.1:3100';

export interface DemoConfig {
  readonly repoRoot: string;
  readonly urls: Record<ServiceName, string>;
  readonly auth: { readonly issuer: string; readonly audience: string; readonly devSecret: string };
  /** First signing secret of each partner that has one. */
  readonly partnerSecrets: Partial<Record<string, string>>;
  /** Where the partner secrets came from, for the error message when one is missing. */
  readonly partnerSecretsFrom: string;
}

export class DemoConfigError extends Error {}

/** `name port database package` lines of infra/services.conf (comments and blank lines skipped). */
export function parseServicesConf(text: string): Map<string, number> {
  const ports = new Map<string, number>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [name, port] = line.split(/\s+/);
    if (name && port && /^\d+$/.test(port)) ports.set(name, Number(port));
  }
  return ports;
}

/**
 * PARTNER_SECRETS as the gateway reads it: {"beijing-hq": ["whsec_…"]} or
 * {"beijing-hq": "whsec_…"}. The demo signs with the first (newest) secret.
 */
export function parsePartnerSecrets(json: string): Partial<Record<string, string>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new DemoConfigError('PARTNER_SECRETS must be JSON, e.g. {"beijing-hq":["whsec_…"]}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new DemoConfigError('PARTNER_SECRETS must be a JSON object keyed by partner id');
  const out: Partial<Record<string, string>> = {};
  for (const [partner, value] of Object.entries(parsed)) {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string' && first.length > 0) out[partner] = first;
  }
  return out;
}

const readIfPresent = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined);

export function loadDemoConfig(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  const repoRoot = env['REPO_ROOT'] ?? path.resolve(__dirname, '../../..');
  const conf = readIfPresent(path.join(repoRoot, 'infra/services.conf'));
  const ports = conf === undefined ? new Map<string, number>() : parseServicesConf(conf);
  const host = env['DEMO_HOST'] ?? '127.0.0.1';
  const urls = Object.fromEntries(SERVICE_NAMES.map((name) => [name, `http://${host}:${ports.get(name) ?? DEFAULT_PORTS[name]}`])) as Record<ServiceName, string>;

  const secretFile = path.join(repoRoot, '.run/secrets/auth-dev-secret');
  const devSecret = env['AUTH_DEV_SECRET'] ?? readIfPresent(secretFile);
  if (!devSecret) {
    throw new DemoConfigError(`AUTH_DEV_SECRET is not set and ${secretFile} does not exist: run through ./platform up, or source infra/env.sh (with REPO_ROOT set) first`);
  }

  const partnerFile = path.join(repoRoot, '.run/secrets/partner-secrets.json');
  const partnerJson = env['PARTNER_SECRETS'] ?? readIfPresent(partnerFile);
  return {
    repoRoot,
    urls,
    auth: { issuer: env['AUTH_DEV_ISSUER'] ?? 'tjc-dev-issuer', audience: env['AUTH_AUDIENCE'] ?? 'tjc-platform', devSecret },
    partnerSecrets: partnerJson === undefined ? {} : parsePartnerSecrets(partnerJson),
    partnerSecretsFrom: env['PARTNER_SECRETS'] !== undefined ? 'PARTNER_SECRETS' : partnerFile,
  };
}
