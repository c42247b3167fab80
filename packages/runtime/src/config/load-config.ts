import { z } from 'zod';
import { RateLimitEnv } from '@tjc/rate-limit';

const SECRET = Symbol('secret');

/**
 * A string that never prints: `String(secret)`, JSON and util.inspect show
 * `[redacted]`. Read the value with `.reveal()` at the point of use only.
 */
export class Secret {
  readonly [SECRET]: string;
  constructor(value: string) {
    this[SECRET] = value;
  }
  reveal(): string {
    return this[SECRET];
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[redacted]';
  }
}

/** A required secret env var (e.g. a signing key). */
export const secret = () => z.string().min(1).transform((v) => new Secret(v));

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once, at boot, against a zod schema whose keys are
 * the environment variable names, then maps it into the nested typed config
 * the service uses. Fails fast with every broken variable named.
 *
 *   const config = loadConfig(EnvSchema, (env) => ({ http: { port: env.PORT } }));
 */
export function loadConfig<S extends z.ZodType, C>(schema: S, map: (env: z.output<S>) => C, env: NodeJS.ProcessEnv = process.env): C {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.') || '<env>';
        const given = env[String(issue.path[0])];
        return `${name}: ${issue.message}${given === undefined ? ' (not set)' : ''}`;
      }),
    );
  }
  return map(result.data);
}

/** Env-var helpers: everything arrives as a string. */
// 0 means "any free port" (tests).
export const envPort = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
export const envInt = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
export const envBool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
export const envList = () =>
  z.string().transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
export const envUrl = (protocols: readonly string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol.replace(/:$/, ''));
    } catch {
      return false;
    }
  }, `must be a URL with protocol ${protocols.join(' or ')}`);

/**
 * The variables every platform service reads. Names match docker-compose.yml
 * and infra/env.sh so a service runs unchanged against either stack.
 */
export const CommonEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: envUrl(['postgres', 'postgresql']),
  KAFKA_BROKERS: envList().pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'each broker must be host:port')).min(1)),
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
  REDIS_URL: envUrl(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
  CONSUMER_CONCURRENCY: envInt(8, 1),
  /** Most consecutive messages of a partition applied in one transaction (1: a transaction per message). */
  CONSUMER_BATCH_SIZE: envInt(200, 1),
  // How long the broker waits for a silent consumer before it rebalances its
  // partitions away: a crashed service's partitions stall this long.
  KAFKA_SESSION_TIMEOUT_MS: envInt(30_000, 6_000),
  CONSUMER_MAX_ATTEMPTS: envInt(5, 1),
  CONSUMER_RETRY_BASE_MS: envInt(200, 1),
  OUTBOX_POLL_MS: envInt(1000, 10),
  /**
   * Readiness turns false when committed outbox rows have waited this long with
   * no publish succeeding (the broker refuses or is gone): the service accepts
   * writes it cannot deliver, which ops must see (tjc_ready{check="outbox"}).
   */
  OUTBOX_READY_STALL_MS: envInt(60_000, 1000),
  /**
   * Signs the audit chain's checkpoints (ADR 0012): a secret the database does
   * not hold. Without it the chain is not anchored and /admin/audit/verify says so.
   */
  AUDIT_CHECKPOINT_KEY: z.string().min(32, 'at least 32 characters').transform((v) => new Secret(v)).optional(),
  AUDIT_CHECKPOINT_EVERY_MS: envInt(10_000, 100),
  /**
   * The address the HTTP API listens on. Loopback by default: the local stack
   * reaches every service on 127.0.0.1, and nothing else should; a container
   * or a host behind an ingress sets 0.0.0.0 (or its interface's address).
   */
  HTTP_HOST: z.union([z.ipv4(), z.ipv6(), z.literal('localhost')], 'an IP address to listen on (0.0.0.0 for every interface)').default('127.0.0.1'),
  /**
   * Browser origins allowed to call the API from another origin (CORS), comma-separated;
   * the console's by default. The console proxies /api/* from its own origin, so a
   * browser never needs more; no credentials are allowed (the platform uses bearer tokens).
   */
  CORS_ORIGINS: envList()
    .default(['http://127.0.0.1:3100', 'http://localhost:3100'])
    .pipe(z.array(z.string().refine((o) => URL.parse(o)?.origin === o, 'each CORS origin is scheme://host[:port], without a path'))),
  ...RateLimitEnv.shape,
});
export type CommonEnv = z.output<typeof CommonEnv>;
