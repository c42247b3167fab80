import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '@tjc/auth';
import { RUNTIME_DB, type SqlExecutor } from '../db/sql';
import { OutboxRelayLifecycle } from '../outbox/outbox-relay.lifecycle';
import { RuntimeMetrics } from '../telemetry/metrics';
import { RUNTIME_OPTIONS } from '../tokens';
import type { RuntimeModuleOptions } from '../runtime.module';
import { ConsumerRegistry } from './consumer-registry';
import { ReadinessChecks } from './readiness';

@ApiTags('ops')
@Public()
@Controller()
export class HealthHttpController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly consumers: ConsumerRegistry,
    private readonly metrics: RuntimeMetrics,
    private readonly outbox: OutboxRelayLifecycle,
    private readonly extra: ReadinessChecks,
    @Inject(RUNTIME_DB) private readonly db: SqlExecutor,
    @Inject(RUNTIME_OPTIONS) private readonly options: RuntimeModuleOptions,
  ) {}

  /** Liveness: the process answers. */
  @Get('health/live')
  @HealthCheck()
  live() {
    return this.health.check([() => this.indicators.check('process').up({ pid: process.pid })]);
  }

  /**
   * Readiness: the database answers; the consumer (if any) has joined its
   * group, has not crashed, and is not stalled while lag grows; the outbox
   * relay (if this instance publishes) is delivering, not holding committed
   * rows past OUTBOX_READY_STALL_MS because the broker refuses them; and every
   * dependency the service added (e.g. Redis for the KPI's jobs) answers.
   * Each check's verdict is also the `tjc_ready{check}` gauge, so an alert can
   * name it.
   */
  @Get('health/ready')
  @HealthCheck()
  ready() {
    return this.health.check(this.checks());
  }

  private checks() {
    return [
      () => this.record('database', this.database()),
      () => this.record('consumer', Promise.resolve(this.consumer())),
      () => this.record('outbox', Promise.resolve(this.outboxCheck())),
      ...this.extra.entries().map(([name, check]) => () => this.record(name, this.added(name, check))),
    ];
  }

  private outboxCheck() {
    const check = this.indicators.check('outbox');
    const relay = this.outbox.relay;
    if (!relay) return check.up({ relay: 'none' });
    const h = relay.health();
    // A standby relay publishes nothing; the active one's stall is what counts.
    const stallMs = this.options.env.OUTBOX_READY_STALL_MS;
    if (h.leader && h.waitingMs > stallMs) return check.down({ ...h, stallMs });
    return check.up({ ...h });
  }

  private async added(name: string, run: () => Promise<{ up: boolean; detail?: Record<string, unknown> }>) {
    const check = this.indicators.check(name);
    const verdict = await run().catch((error: unknown) => ({ up: false, detail: { error: (error as Error).message } }));
    return verdict.up ? check.up(verdict.detail) : check.down(verdict.detail);
  }

  private async database() {
    const check = this.indicators.check('database');
    try {
      await this.db.$queryRawUnsafe('SELECT 1');
      return check.up();
    } catch (error) {
      return check.down({ error: (error as Error).message });
    }
  }

  private consumer() {
    const check = this.indicators.check('consumer');
    const server = this.consumers.server;
    if (!server) return check.up({ consumer: 'none' });
    const h = server.health();
    if (!h.joined || h.crashed || h.stalled) return check.down({ ...h });
    return check.up({ ...h });
  }

  private async record<R extends Record<string, { status: string }>>(name: string, result: Promise<R>): Promise<R> {
    const r = await result;
    this.metrics.ready.set({ check: name }, r[name]?.status === 'up' ? 1 : 0);
    return r;
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async prometheus(): Promise<string> {
    // Judged at scrape time too, so the gauge is current even when nobody probes /health/ready.
    await Promise.all(this.checks().map((c) => c()));
    return this.metrics.registry.metrics();
  }
}
