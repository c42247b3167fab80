import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { ReadinessChecks, redisReadiness, RUNTIME_LOGGER, RuntimeMetrics } from '@tjc/runtime';
import { KPI_CONFIG, type KpiServiceConfig } from '../config';
import { CheckPaceHandler } from '../pace/check-pace/check-pace.handler';
import { VerifyFiguresHandler } from '../rollups/verify-figures/verify-figures.handler';
import { ScheduleWatchdog } from './schedule-watchdog';

export const QUEUES = { figures: 'kpi-figures', pace: 'kpi-pace' } as const;
type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

const GAUGE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

const SCHEDULERS = { verify: 'verify-figures-scheduled', pace: 'pace-check-scheduled' } as const;
/** How often the watchdog checks that Redis still holds the schedules (one cheap read). */
const WATCHDOG_EVERY_MS = 5_000;

/**
 * The KPI service's BullMQ queues (Redis), their workers and schedules:
 *
 *  kpi-figures  `verify-figures` every KPI_ROLLUP_EVERY_MS and on request: the
 *               maintained figures recomputed from the lineage and compared
 *               (they are kept in the consumer's transaction; this proves it);
 *  kpi-pace     `pace-check` every KPI_PACE_EVERY_MS and on request.
 *
 * Nothing the figures depend on is in Redis: a flushed Redis loses schedules
 * (re-created by the watchdog) and cached answers, never a count.
 * Queue depths are reported on the runtime's `tjc_bullmq_queue_depth` gauge.
 * Every key lives under REDIS_PREFIX, so test runs and environments sharing
 * one Redis never see each other's jobs.
 */
@Injectable()
export class KpiJobs implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly producerConnection: Redis;
  private readonly workerConnection: Redis;
  private readonly queues: Record<QueueName, Queue>;
  private readonly workers: Worker[] = [];
  private gaugeTimer?: NodeJS.Timeout;
  private watchdogTimer?: NodeJS.Timeout;
  /** Re-creates the schedules Redis lost, with a catch-up verification (see schedule-watchdog.ts). */
  private readonly watchdog: ScheduleWatchdog;
  private readonly prefix: string;

  constructor(
    @Inject(KPI_CONFIG) private readonly config: KpiServiceConfig,
    private readonly figures: VerifyFiguresHandler,
    private readonly pace: CheckPaceHandler,
    private readonly metrics: RuntimeMetrics,
    @Inject(RUNTIME_LOGGER) private readonly logger: Logger,
    readiness: ReadinessChecks,
  ) {
    this.prefix = `${config.redis.prefix}-bull`;
    // Producers fail fast (an event handler must not hang on Redis); workers
    // block on Redis by design and need maxRetriesPerRequest: null.
    this.producerConnection = new Redis(config.redis.url, { maxRetriesPerRequest: 1, connectionName: 'kpi-jobs-producer' });
    this.workerConnection = new Redis(config.redis.url, { maxRetriesPerRequest: null, connectionName: 'kpi-jobs-worker' });
    // Rollups and pace checks run as BullMQ jobs: without Redis the KPI service cannot keep its figures current.
    readiness.add('redis', redisReadiness(this.producerConnection));
    for (const c of [this.producerConnection, this.workerConnection]) c.on('error', (error: Error) => this.logger.debug({ err: error }, 'jobs redis connection error'));
    const queue = (name: QueueName) => new Queue(name, { connection: this.producerConnection, prefix: this.prefix });
    this.queues = { [QUEUES.figures]: queue(QUEUES.figures), [QUEUES.pace]: queue(QUEUES.pace) } as Record<QueueName, Queue>;
    this.watchdog = new ScheduleWatchdog({
      schedules: config.jobs.schedules,
      schedulesPresent: async () =>
        (await this.queues[QUEUES.figures].getJobScheduler(SCHEDULERS.verify)) !== undefined && (await this.queues[QUEUES.pace].getJobScheduler(SCHEDULERS.pace)) !== undefined,
      createSchedules: () => this.upsertSchedules(),
      enqueueRollupAll: async () => void (await this.enqueueVerify()),
    });
  }

  /** Idempotent: BullMQ updates a scheduler that exists. */
  private async upsertSchedules(): Promise<void> {
    await this.queues[QUEUES.figures].upsertJobScheduler(SCHEDULERS.verify, { every: this.config.jobs.rollupEveryMs }, { name: 'verify-figures', opts: { removeOnComplete: 100, removeOnFail: 100 } });
    await this.queues[QUEUES.pace].upsertJobScheduler(SCHEDULERS.pace, { every: this.config.jobs.paceEveryMs }, { name: 'pace-check', data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } });
  }

  async onApplicationBootstrap(): Promise<void> {
    const worker = (name: QueueName, process: (job: Job) => Promise<unknown>) => {
      const w = new Worker(name, process, { connection: this.workerConnection, prefix: this.prefix, concurrency: 1 });
      w.on('failed', (job, error) => {
        const final = job && job.attemptsMade >= (job.opts.attempts ?? 1);
        this.logger[final ? 'error' : 'debug']({ err: error, queue: name, job: job?.id, attempts: job?.attemptsMade }, final ? 'job failed' : 'job attempt failed; retrying');
      });
      w.on('error', (error) => this.logger.warn({ err: error, queue: name }, 'worker error'));
      this.workers.push(w);
    };
    worker(QUEUES.figures, async () => {
      const outcome = await this.figures.verify();
      return { evaluations: outcome.evaluations, mismatches: outcome.mismatches.length };
    });
    worker(QUEUES.pace, async (job) => {
      const { year, at } = job.data as { year?: number; at?: string };
      const result = await this.pace.check({ ...(year !== undefined && { year }), ...(at !== undefined && { at: new Date(at) }) });
      return { year: result.year, at: result.at, notified: result.kpis.filter((k) => k.notified).map((k) => k.kpiCode) };
    });

    if (this.config.jobs.schedules) await this.upsertSchedules();
    await this.reportQueueDepths();
    this.gaugeTimer = setInterval(() => void this.reportQueueDepths(), 5_000);
    this.gaugeTimer.unref();
    this.watchdogTimer = setInterval(() => void this.watch(), WATCHDOG_EVERY_MS);
    this.watchdogTimer.unref();
  }

  private async watch(): Promise<void> {
    const outcome = await this.watchdog.tick();
    if (outcome === 'schedules-recreated') this.logger.warn('job schedules were missing from Redis (flushed, or restarted without persistence): re-created, a verification of the figures enqueued');
    else if (outcome === 'caught-up') this.logger.info('catch-up verification enqueued');
  }

  async enqueueVerify(): Promise<string> {
    const job = await this.queues[QUEUES.figures].add('verify-figures', {}, this.onDemand(undefined, 0));
    return job.id ?? '';
  }

  async enqueuePaceCheck(options: { year?: number; at?: string }): Promise<string> {
    const job = await this.queues[QUEUES.pace].add('pace-check', options, this.onDemand(undefined, 0));
    return job.id ?? '';
  }

  private onDemand(jobId: string | undefined, delay: number): JobsOptions {
    return {
      ...(jobId !== undefined && { jobId }),
      delay,
      attempts: 10,
      backoff: { type: 'exponential', delay: 100 },
      removeOnComplete: true,
      removeOnFail: 100,
    };
  }

  async queueDepths(): Promise<Record<string, Record<string, number>>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [name, queue] of Object.entries(this.queues)) out[name] = await queue.getJobCounts(...GAUGE_STATES);
    return out;
  }

  private async reportQueueDepths(): Promise<void> {
    try {
      for (const [queue, counts] of Object.entries(await this.queueDepths())) {
        for (const [state, n] of Object.entries(counts)) this.metrics.queueDepth.set({ queue, state }, n);
      }
    } catch (error) {
      this.logger.debug({ err: error }, 'queue depth measurement failed');
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.gaugeTimer) clearInterval(this.gaugeTimer);
    if (this.watchdogTimer) clearInterval(this.watchdogTimer);
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled(Object.values(this.queues).map((q) => q.close()));
    this.producerConnection.disconnect();
    this.workerConnection.disconnect();
  }
}
