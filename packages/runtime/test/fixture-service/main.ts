import './telemetry';
import { startService } from '../../src/bootstrap';
import { FixtureModule, env } from './app.module';
import type { TopicKey } from '@tjc/contracts';

startService({
  module: FixtureModule,
  port: env.PORT,
  // No host: the service listens on HTTP_HOST, loopback by default, as a deployed one does (http-surface.int-spec).
  consumer: { groupId: process.env['CONSUMER_GROUP'] ?? 'fixture-service', topics: (process.env['CONSUME_TOPICS'] ?? 'service').split(',') as TopicKey[] },
  docs: { title: 'fixture', description: 'runtime test fixture' },
}).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
