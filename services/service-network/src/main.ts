import './telemetry';
import { startService } from '@tjc/runtime';
import { AppModule } from './app.module';
import { loadServiceConfig } from './config';
import { CONSUMER } from './consumer';

const config = loadServiceConfig();
startService({
  module: AppModule.register(config),
  port: config.PORT,
  consumer: CONSUMER,
  docs: {
    title: '服务网络 Service network API',
    description: '成果转化（候选、对接、洽谈、落地、专项资金）、技术转移人才培训（课程、班次、报名、结业）与活动（推介、对接、路演、交流）。',
  },
}).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
