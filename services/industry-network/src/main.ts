import './telemetry';
import { startService } from '@tjc/runtime';
import { AppModule, CONSUMER } from './app.module';
import { loadServiceConfig } from './config';

const config = loadServiceConfig();
startService({
  module: AppModule.register(config),
  port: config.PORT,
  consumer: CONSUMER,
  docs: {
    title: '产业网络 Industry network API',
    description:
      '天津中心产业网络：重点企业、产业技术需求清单、揭榜挂帅、创新联合体。The Tianjin Center industry network: key enterprises, the demand list, open challenges and innovation consortia.',
  },
}).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
