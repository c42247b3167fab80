import './telemetry';
import { startService } from '@tjc/runtime';
import { AppModule } from './app.module';
import { loadServiceConfig } from './config';
import { PARTNER_GATEWAY_GROUP } from './ingest/consume-inbound/consume-inbound.consumer';

const config = loadServiceConfig();
startService({
  module: AppModule.register(config),
  port: config.PORT,
  // Partners producing directly to Kafka: validated, re-checked, republished (or quarantined).
  consumer: { groupId: PARTNER_GATEWAY_GROUP, topics: ['partnerInbound'] },
  docs: {
    title: '合作方接入网关 Partner gateway API',
    description: 'Signed event batches from the JJJ Center headquarters, the Hebei Center and the Xiong’an Center; the quarantine of refused input. Partner guide: docs/partners.md; event schemas: contracts/asyncapi.yaml.',
  },
}).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
