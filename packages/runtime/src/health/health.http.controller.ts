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
   * group, has not crashed, and is not stalled while lag grows.
   */
  @Get('health/ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      async () => {
        const check = this.indicators.check('database');
        try {
          await this.db.$queryRawUnsafe('SELECT 1');
          return check.up();
        } catch (error) {
          return check.down({ error: (error as Error).message });
        }
      },
      () => {
        const check = this.indicators.check('consumer');
        const server = this.consumers.server;
        if (!server) return check.up({ consumer: 'none' });
        const h = server.health();
        if (!h.joined || h.crashed || h.stalled) return check.down({ ...h });
        return check.up({ ...h });
      },
    ]);
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async prometheus(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
