import './telemetry';
import { startService } from '@tjc/runtime';
import { AppModule, CONSUMED_TOPICS } from './app.module';
import { loadServiceConfig } from './config';

const config = loadServiceConfig();
startService({
  module: AppModule.register(config),
  port: config.PORT,
  consumer: { groupId: 'research-network', topics: CONSUMED_TOPICS },
  docs: {
    title: '科研网络 Research network API',
    description:
      '京津冀国家技术创新中心天津中心 科研网络：成员单位、专家库、原创性颠覆性技术项目遴选（提交 → 专家评审 → 与本部联合论证 → 遴选/不予通过）、资源匹配与科技成果供给清单。Members, expert pool, project pipeline, resource matching and the supply list of the Tianjin Center research network.',
  },
}).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
