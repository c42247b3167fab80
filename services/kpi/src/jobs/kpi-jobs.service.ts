import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { RUNTIME_LOGGER, RuntimeMetrics } from '@tjc/runtime';
import { KPI_CONFIG, type KpiServiceConfig } from '../config';
import { CheckPaceHandler } from '../pace/check-pace/check-pace.handler';
import { RebuildReadModelsHandler } from '../rebuild/rebuild-read-models/rebuild-read-models.handler';
import { RunRollupHandler } from '../rollups/run-rollup/run-rollup.handler';
import { ScheduleWatchdog } from './schedule-watchdog';

export const QUEUES = { rollup: 'kpi-rollup', pace: 'kpi-pace', rebuild: 'kpi-rebuild' } as const;
type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

const GAUGE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

const SCHEDULERS = { rollupAll: 'rollup-all-scheduled', pace: 'pace-check-scheduled' } as const;
/** How often the watchdog checks that Redis still holds the schedules (one cheap read). */
const WATCHDOG_EVERY_MS = 5_000;

/**
 * The KPI service's BullMQ queues (Redis), their workers and schedules:
 *
 *  kpi-rollup   `rollup-year` on demand after events (debounced, see requestRollup),
 *               `rollup-all` every KPI_ROLLUP_EVERY_MS and on request;
 *  kpi-pace     `pace-check` every KPI_PACE_EVERY_MS and on request;
 *  kpi-rebuild  `rebuild` on request (one at a time).
 *
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
  /** Re-creates schedules and catches up rollups that Redis lost (see schedule-watchdog.ts). */
  private readonly watchdog: ScheduleWatchdog;
  private readonly prefix: string;

  constructor(
    @Inject(KPI_CONFIG) private readonly config: KpiServiceConfig,
    private readonly rollups: RunRollupHandler,
    private readonly pace: CheckPaceHandler,
    private readonly rebuild: RebuildReadModelsHandler,
    private readonly metrics: RuntimeMetrics,
    @Inject(RUNTIME_LOGGER) private readonly logger: Logger,
  ) {
    this.prefix = `${config.redis.prefix}-bull`;
    // Producers fail fast (an event handler must not hang on Redis); workers
    // block on Redis by design and need maxRetriesPerRequest: null.
    this.producerConnection = new Redis(config.redis.url, { maxRetriesPerRequest: 1, connectionName: 'kpi-jobs-producer' });
    this.workerConnection = new Redis(config.redis.url, { maxRetriesPerRequest: null, connectionName: 'kpi-jobs-worker' });
    for (const c of [this.producerConnection, this.workerConnection]) c.on('error', (error: Error) => this.logger.debug({ err: error }, 'jobs redis connection error'));
    const queue = (name: QueueName) => new Queue(name, { connection: this.producerConnection, prefix: this.prefix });
    this.queues = { [QUEUES.rollup]: queue(QUEUES.rollup), [QUEUES.pace]: queue(QUEUES.pace), [QUEUES.rebuild]: queue(QUEUES.rebuild) } as Record<QueueName, Queue>;
    this.watchdog = new ScheduleWatchdog({
      schedules: config.jobs.schedules,
      schedulesPresent: async () =>
        (await this.queues[QUEUES.rollup].getJobScheduler(SCHEDULERS.rollupAll)) !== undefined && (await this.queues[QUEUES.pace].getJobScheduler(SCHEDULERS.pace)) !== undefined,
      createSchedules: () => this.upsertSchedules(),
      enqueueRollupAll: async () => void (await this.enqueueRollupAll()),
    });
  }

  /** Idempotent: BullMQ updates a scheduler that exists. */
  private async upsertSchedules(): Promise<void> {
    await this.queues[QUEUES.rollup].upsertJobScheduler(SCHEDULERS.rollupAll, { every: this.config.jobs.rollupEveryMs }, { name: 'rollup-all', opts: { removeOnComplete: 100, removeOnFail: 100 } });
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
    worker(QUEUES.rollup, async (job) => {
      if (job.name === 'rollup-year') {
        const { year, version } = job.data as { year: number; version?: number };
        return this.rollups.rollupYear(year, version);
      }
      return this.rollups.rollupAll();
    });
    worker(QUEUES.pace, async (job) => {
      const { year, at } = job.data as { year?: number; at?: string };
      const result = await this.pace.check({ ...(year !== undefined && { year }), ...(at !== undefined && { at: new Date(at) }) });
      return { year: result.year, at: result.at, notified: result.kpis.filter((k) => k.notified).map((k) => k.kpiCode) };
    });
    worker(QUEUES.rebuild, async (job) => {
      await this.rebuild.run((job.data as { id: string }).id);
      return { id: (job.data as { id: string }).id };
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
    if (outcome === 'schedules-recreated') this.logger.warn('job schedules were missing from Redis (flushed, or restarted without persistence): re-created, catch-up rollup enqueued');
    else if (outcome === 'caught-up') this.logger.info('catch-up rollup enqueued for rollups Redis could not take earlier');
  }

  /**
   * Asks for a year's rollup after an event changed its facts (to `version`).
   * Fire-and-forget: an event is never held up by Redis; if Redis refuses,
   * a catch-up rollup follows once it does (ScheduleWatchdog). The delay debounces a burst, and one job
   * per version means a job that is already running cannot swallow a later
   * change (it would for a single job id per year).
   */
  requestRollup(year: number, version: number): void {
    void this.queues[QUEUES.rollup]
      .add('rollup-year', { year, version }, this.onDemand(`rollup-${year}-v${version}`, this.config.jobs.rollupDebounceMs))
      .catch((error: unknown) => {
        // The job is lost with Redis down; the watchdog enqueues a catch-up rollup once Redis takes it.
        this.watchdog.owe();
        this.logger.warn({ err: error, year, version }, 'could not enqueue rollup; a catch-up rollup will follow');
      });
  }

  async enqueueRollupAll(): Promise<string> {
    const job = await this.queues[QUEUES.rollup].add('rollup-all', {}, this.onDemand(undefined, 0));
    return job.id ?? '';
  }

  async enqueuePaceCheck(options: { year?: number; at?: string }): Promise<string> {
    const job = await this.queues[QUEUES.pace].add('pace-check', options, this.onDemand(undefined, 0));
    return job.id ?? '';
  }

  async enqueueRebuild(id: string): Promise<void> {
    await this.queues[QUEUES.rebuild].add('rebuild', { id }, { jobId: `rebuild-${id}`, attempts: 1, removeOnComplete: 100, removeOnFail: 100 });
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
