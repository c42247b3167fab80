import { z } from 'zod';
import { AuthEnv, authConfigFrom, checkAuthEnv } from '@tjc/auth';
import { CommonEnv, envInt, envPort, loadConfig } from '@tjc/runtime';

/**
 * Environment of the KPI service: CommonEnv + AuthEnv + its own variables,
 * parsed once at boot, failing with each broken variable named.
 */
export const KpiEnv = CommonEnv.extend({
  ...AuthEnv.shape,
  PORT: envPort(3105),
  /** Prefix of every Redis key this process writes (BullMQ queues and the API cache). Tests set a unique one. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, "_", "." or "-" only (BullMQ forbids ":" in names)')
    .default('tjc-kpi'),
  KPI_CACHE_TTL_SECONDS: envInt(60, 1),
  /** Period of the scheduled verification of the figures against their lineage. */
  KPI_ROLLUP_EVERY_MS: envInt(5 * 60_000, 1000),
  /** Period of the scheduled pace check (notifications are deduplicated per KPI per day). */
  KPI_PACE_EVERY_MS: envInt(60 * 60_000, 1000),
  /** Start the scheduled (repeatable) jobs; on-demand jobs run regardless. */
  KPI_SCHEDULES: z.enum(['on', 'off']).default('on'),
  /** Run the evaluation builder (src/engine/evaluation-builder.service.ts); off only in tests that drive it step by step. */
  KPI_EVALUATION_BUILDER: z.enum(['on', 'off']).default('on'),
}).superRefine(checkAuthEnv);

export type KpiEnv = z.output<typeof KpiEnv>;

export interface KpiServiceConfig {
  readonly PORT: number;
  readonly env: KpiEnv;
  readonly auth: ReturnType<typeof authConfigFrom>;
  readonly redis: { readonly url: string; readonly prefix: string };
  readonly cache: { readonly ttlSeconds: number };
  readonly jobs: { readonly rollupEveryMs: number; readonly paceEveryMs: number; readonly schedules: boolean; readonly evaluationBuilder: boolean };
}

export function loadServiceConfig(env: NodeJS.ProcessEnv = process.env): KpiServiceConfig {
  return loadConfig(
    KpiEnv,
    (e) => ({
      PORT: e.PORT,
      env: e,
      auth: authConfigFrom(e),
      redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX },
      cache: { ttlSeconds: e.KPI_CACHE_TTL_SECONDS },
      jobs: { rollupEveryMs: e.KPI_ROLLUP_EVERY_MS, paceEveryMs: e.KPI_PACE_EVERY_MS, schedules: e.KPI_SCHEDULES === 'on', evaluationBuilder: e.KPI_EVALUATION_BUILDER === 'on' },
    }),
    env,
  );
}

/** Injection token of the parsed KpiServiceConfig. */
export const KPI_CONFIG = Symbol('KPI_CONFIG');
