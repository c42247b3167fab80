import './telemetry';
import { startService } from '@tjc/runtime';
import { AppModule, CONSUMED_TOPICS, CONSUMER_GROUP } from './app.module';
import { loadServiceConfig } from './config';

const config = loadServiceConfig();
startService({
  module: AppModule.register(config),
  port: config.PORT,
  consumer: { groupId: CONSUMER_GROUP, topics: CONSUMED_TOPICS },
  docs: {
    title: '基金网络 Fund network API',
    description:
      '天津中心基金网络：基金与子基金（撬动社会资本）、投资项目管道、拨投联动（先拨后投）。Funds and sub-funds (leverage of social capital), the deal pipeline, and grant–investment linkage.',
  },
}).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
