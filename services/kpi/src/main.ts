import './telemetry';
import { startService } from '@tjc/runtime';
import { AppModule } from './app.module';
import { loadServiceConfig } from './config';
import { KPI_CONSUMER } from './kpi/ingest-event/ingest-event.consumer';

const config = loadServiceConfig();
startService({
  module: AppModule.register(config),
  port: config.PORT,
  consumer: { groupId: KPI_CONSUMER.groupId, topics: KPI_CONSUMER.topics },
  docs: {
    title: '天津中心考核指标服务 Tianjin Center KPI API',
    description:
      'The five annual KPIs of the Tianjin Center, computed from the events of the four networks and the partners: values, pace and forecast, drill-down to the exact events, as-of, targets and their history, corrections, restatements of closed years, and the annual report (JSON, CSV, Excel).',
  },
}).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
