import { Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { GatewayMetrics } from '../common/gateway-metrics.service';
import { GATEWAY_CONFIG } from '../common/tokens';
import type { GatewayConfig } from '../config';
import { PartnerIntakeLimit } from './intake-limit.service';
import { PARTNER_EVENTS_PATH } from './raw-body.service';

/** The partner route, held open until the test lets it answer: requests it holds count against the intake. */
let release: () => void = () => undefined;
let held = new Promise<void>((r) => (release = r));

@Controller()
class HeldController {
  @Post(PARTNER_EVENTS_PATH.slice(1))
  @HttpCode(200)
  async events() {
    await held;
    return { ok: true };
  }

  @Post('quarantine/q-1/resolve')
  @HttpCode(200)
  other() {
    return { ok: true };
  }
}

const refused: { partner: string; reason: string }[] = [];
const config = { ingest: { intakeMax: 2 } } as unknown as GatewayConfig;

@Module({
  controllers: [HeldController],
  providers: [PartnerIntakeLimit, { provide: GATEWAY_CONFIG, useValue: config }, { provide: GatewayMetrics, useValue: { refused: { inc: (labels: { partner: string; reason: string }) => refused.push(labels) } } }],
})
class TestModule {}

/**
 * Real: Nest on Fastify listening on a loopback port, real HTTP requests (the
 * slot is released on the response's `close`). Faked: the gateway's config
 * (the intake bound only) and its metrics (a recorder).
 */
describe('PartnerIntakeLimit', () => {
  let app: NestFastifyApplication;
  let url: string;
  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(TestModule, new FastifyAdapter(), { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(() => app.close());

  const post = (path: string) => fetch(`${url.replace('[::1]', '127.0.0.1')}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-partner-id': 'hebei-center' }, body: '{"events":[]}' });

  it('answers 503 + Retry-After before reading the body once PARTNER_INTAKE_MAX requests are held, and takes requests again when they end', async () => {
    const first = post(PARTNER_EVENTS_PATH);
    const second = post(PARTNER_EVENTS_PATH);
    const intake = app.get(PartnerIntakeLimit);
    for (let i = 0; i < 200 && intake.inFlight < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(intake.inFlight).toBe(2);

    const third = await post(PARTNER_EVENTS_PATH);
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).toBe('1');
    expect(await third.json()).toMatchObject({ statusCode: 503, code: 'overloaded' });
    expect(refused).toEqual([{ partner: 'hebei-center', reason: 'overloaded' }]);
    // Other routes are not counted.
    expect((await post('/quarantine/q-1/resolve')).status).toBe(200);

    release();
    expect([(await first).status, (await second).status]).toEqual([200, 200]);
    for (let i = 0; i < 200 && intake.inFlight > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(intake.inFlight).toBe(0);
    held = Promise.resolve();
    expect((await post(PARTNER_EVENTS_PATH)).status).toBe(200);
  });
});
