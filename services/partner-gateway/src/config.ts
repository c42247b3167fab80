import { z } from 'zod';
import { AuthEnv, authConfigFrom, type AuthConfig } from '@tjc/auth';
import { CommonEnv, ConfigError, envInt, envPort, loadConfig, Secret } from '@tjc/runtime';
import { buildGrants, type Grants } from './partners/grants';
import { PARTNER_IDS, type PartnerId } from './partners/partner';
import { SECRET_FORMAT, decodeSecret } from './partners/webhook-signature';

/** A JSON-valued env var, parsed then validated by `inner`. */
const envJson = <T extends z.ZodType>(inner: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(inner);

const PartnerKey = z.enum(PARTNER_IDS);
const SigningSecret = z
  .string()
  .regex(SECRET_FORMAT, 'each secret must be whsec_<base64 of at least 24 random bytes> (Standard Webhooks)')
  .refine((s) => decodeSecret(s).length >= 24, 'each secret must decode to at least 24 bytes')
  // Wrapped at once: from here on a secret prints as [redacted] in logs, errors and JSON.
  .transform((s) => new Secret(s));

/** Environment of the partner gateway, on top of what every service reads. */
const GatewayEnv = CommonEnv.extend({
  PORT: envPort(3106),
  /**
   * Signing secrets per partner, from the secret store, never from the repo:
   * {"beijing-hq": ["whsec_…"], "hebei-center": ["whsec_new…", "whsec_old…"]}.
   * Two secrets during a rotation: a request signed with either is accepted.
   * A partner without secrets cannot use the HTTP ingress.
   */
  PARTNER_SECRETS: envJson(z.partialRecord(PartnerKey, z.union([SigningSecret.transform((s) => [s]), z.array(SigningSecret).min(1).max(4)]))),
  /** Optional narrowing of the contracts' `publishers`: {"xiongan-center": ["research.project.found.v1"]}. */
  PARTNER_GRANTS: envJson(z.partialRecord(PartnerKey, z.array(z.string().min(1)))).optional(),
  /**
   * Largest accepted body. Bodies up to twice this (at least the platform's 1 MiB) are still read,
   * authenticated and quarantined as an excerpt (413); larger ones are refused unread (413).
   */
  PARTNER_MAX_BODY_BYTES: envInt(1024 * 1024, 1024),
  PARTNER_MAX_EVENTS: envInt(500, 1),
  PARTNER_MAX_JSON_DEPTH: envInt(32, 4),
  /** Standard Webhooks' tolerance: |now − webhook-timestamp| beyond this is refused. */
  PARTNER_TIMESTAMP_TOLERANCE_S: envInt(300, 1),
  /**
   * How far after now an event's business time (`time`) may lie: clock skew
   * between the partner and us. Later is refused (quarantined, `time`,
   * `not_in_future`): the platform counts what has happened, as the networks'
   * own APIs refuse future dates. The benchmark raises it on its private
   * stack, where each round writes into a business year of its own.
   */
  PARTNER_MAX_FUTURE_S: envInt(300, 0),
  PARTNER_RATE_REQUESTS_PER_MIN: envInt(120, 1),
  PARTNER_RATE_EVENTS_PER_MIN: envInt(5000, 1),
  /** Per-partner limits where they differ: {"beijing-hq": {"eventsPerMinute": 20000}}. */
  PARTNER_RATE_OVERRIDES: envJson(z.partialRecord(PartnerKey, z.object({ requestsPerMinute: z.number().int().min(1).optional(), eventsPerMinute: z.number().int().min(1).optional() }).strict())).optional(),
  /** Redis key prefix of the rate limiter (tests use a unique one). */
  PARTNER_RATE_KEY_PREFIX: z.string().min(1).default('tjc:partner-gateway'),
  /** When Redis does not answer: `closed` refuses with 503 (default), `open` lets requests through with a warning. */
  PARTNER_RATE_FAIL_MODE: z.enum(['closed', 'open']).default('closed'),
  /** How often dead letters of tjc.partner.inbound.v1 are copied into the quarantine. */
  QUARANTINE_SWEEP_MS: envInt(5_000, 100),
  /** Batches written at once (each holds a database connection; the pool has 20); beyond, they wait in a bounded queue. */
  PARTNER_INGEST_CONCURRENCY: envInt(8, 1),
  /** Batches that may wait for a slot; a further one is answered 503 with Retry-After at once. */
  PARTNER_INGEST_QUEUE: envInt(64, 0),
  /** Longest wait for a slot before a 503 with Retry-After. */
  PARTNER_INGEST_MAX_WAIT_MS: envInt(2_000, 1),
  /**
   * Partner requests read and held at once (bodies being received, parsed, waiting or written);
   * a further one is answered 503 + Retry-After before its body is read, so memory is bounded by
   * this many bodies, not by how many a client opens.
   */
  PARTNER_INTAKE_MAX: envInt(24, 1),
});
type GatewayEnv = z.output<typeof GatewayEnv>;

export interface PartnerLimits {
  readonly maxBodyBytes: number;
  readonly maxEvents: number;
  readonly maxJsonDepth: number;
  readonly timestampToleranceS: number;
  /** Seconds an event's business time may lie after now (PARTNER_MAX_FUTURE_S). */
  readonly maxFutureS: number;
}

export interface RateLimitConfig {
  readonly requestsPerMinute: number;
  readonly eventsPerMinute: number;
  readonly keyPrefix: string;
  readonly failMode: 'closed' | 'open';
  readonly overrides: Partial<Record<PartnerId, { readonly requestsPerMinute?: number | undefined; readonly eventsPerMinute?: number | undefined }>>;
}

export type GatewayConfig = Omit<GatewayEnv, 'PARTNER_SECRETS' | 'PARTNER_GRANTS'> & {
  readonly auth: AuthConfig;
  readonly partners: {
    readonly secrets: ReadonlyMap<PartnerId, readonly Secret[]>;
    readonly grants: Grants;
  };
  readonly limits: PartnerLimits;
  readonly rateLimit: RateLimitConfig;
  readonly quarantineSweepMs: number;
  readonly ingest: { readonly concurrency: number; readonly queue: number; readonly maxWaitMs: number; readonly intakeMax: number };
};

/**
 * Parses the environment once, at boot. Every broken variable is named in
 * one error; secrets never appear in it.
 */
export function loadServiceConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const problems: string[] = [];
  const attempt = <T>(load: () => T): T | undefined => {
    try {
      return load();
    } catch (error) {
      if (error instanceof ConfigError) {
        problems.push(...error.problems);
        return undefined;
      }
      throw error;
    }
  };
  const service = attempt(() => loadConfig(GatewayEnv, (e) => e, env));
  const auth = attempt(() => loadConfig(AuthEnv, (e) => e, env));
  if (!service || !auth) throw new ConfigError(problems);

  const { PARTNER_SECRETS, PARTNER_GRANTS, ...rest } = service;
  const { grants, problems: grantProblems } = buildGrants(PARTNER_IDS, PARTNER_GRANTS ?? {});
  if (grantProblems.length) throw new ConfigError(grantProblems);
  const secrets = new Map<PartnerId, readonly Secret[]>();
  for (const id of PARTNER_IDS) {
    const list = PARTNER_SECRETS[id];
    if (list?.length) secrets.set(id, list);
  }
  return {
    ...rest,
    auth: authConfigFrom(auth),
    partners: { secrets, grants },
    limits: {
      maxBodyBytes: rest.PARTNER_MAX_BODY_BYTES,
      maxEvents: rest.PARTNER_MAX_EVENTS,
      maxJsonDepth: rest.PARTNER_MAX_JSON_DEPTH,
      timestampToleranceS: rest.PARTNER_TIMESTAMP_TOLERANCE_S,
      maxFutureS: rest.PARTNER_MAX_FUTURE_S,
    },
    rateLimit: {
      requestsPerMinute: rest.PARTNER_RATE_REQUESTS_PER_MIN,
      eventsPerMinute: rest.PARTNER_RATE_EVENTS_PER_MIN,
      keyPrefix: rest.PARTNER_RATE_KEY_PREFIX,
      failMode: rest.PARTNER_RATE_FAIL_MODE,
      overrides: rest.PARTNER_RATE_OVERRIDES ?? {},
    },
    quarantineSweepMs: rest.QUARANTINE_SWEEP_MS,
    ingest: { concurrency: rest.PARTNER_INGEST_CONCURRENCY, queue: rest.PARTNER_INGEST_QUEUE, maxWaitMs: rest.PARTNER_INGEST_MAX_WAIT_MS, intakeMax: rest.PARTNER_INTAKE_MAX },
  };
}
