import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '@tjc/auth';
import { RUNTIME_DB, type SqlExecutor } from '../db/sql';
import { RuntimeMetrics } from '../telemetry/metrics';
import { ConsumerRegistry } from './consumer-registry';

@ApiTags('ops')
@Public()
@Controller()
export class HealthHttpController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly consumers: ConsumerRegistry,
    private readonly metrics: RuntimeMetrics,
    @Inject(RUNTIME_DB) private readonly db: SqlExecutor,
  ) {}

  /** Liveness: the process answers. */
  @Get('health/live')
  @HealthCheck()
  live() {
    return this.health.check([() => this.indicators.check('process').up({ pid: process.pid })]);
  }

  /**
   * Readiness: the database answers, and the consumer (if any) has joined its
   * group, has not crashed, and is not stalled while lag grows. Each check's
   * verdict is also the `tjc_ready{check}` gauge, so an alert can name it.
   */
  @Get('health/ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.record('database', this.database()), () => this.record('consumer', Promise.resolve(this.consumer()))]);
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
    await Promise.all([this.record('database', this.database()), this.record('consumer', Promise.resolve(this.consumer()))]);
    return this.metrics.registry.metrics();
  }
}
