import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { RethrowRpcExceptionsFilter } from '@tjc/runtime';
import { GATEWAY_CONFIG } from '../common/tokens';
import type { GatewayConfig } from '../config';
import { PARTNER_EVENTS_PATH, RawBodyParser } from './raw-body.service';

const MIB = 1024 * 1024;

/** Echoes the size of what it received, so the test sees which parser ran. */
@Controller()
class EchoController {
  @Post('quarantine/:id/resolve')
  @HttpCode(200)
  resolve(@Body() body: unknown) {
    return { parsed: typeof body === 'object' && body !== null && !Buffer.isBuffer(body) };
  }

  @Post(PARTNER_EVENTS_PATH.slice(1))
  @HttpCode(200)
  events(@Body() body: unknown) {
    return { raw: Buffer.isBuffer(body), bytes: Buffer.isBuffer(body) ? body.length : 0 };
  }
}

/** What the parser reads of the gateway's configuration: the partner body limit. */
const config = { limits: { maxBodyBytes: MIB } } as unknown as GatewayConfig;

@Module({ controllers: [EchoController], providers: [RawBodyParser, { provide: GATEWAY_CONFIG, useValue: config }] })
class TestModule {}

/**
 * Real: Nest on Fastify with the platform's body limit (1 MiB, as
 * startService sets it) and the platform's exception filter; the parser
 * under test. Faked: the gateway's configuration (limits only).
 */
async function setup(): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(TestModule, new FastifyAdapter({ bodyLimit: MIB }), { logger: false });
  app.useGlobalFilters(new RethrowRpcExceptionsFilter(app.getHttpAdapter()));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe('RawBodyParser', () => {
  let sut: NestFastifyApplication;
  beforeAll(async () => {
    sut = await setup();
  });
  afterAll(() => sut.close());

  const post = (url: string, bytes: number) =>
    sut.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: `{"note":"${'a'.repeat(bytes - 11)}"}` });

  it('parses JSON under the platform limit on ordinary routes', async () => {
    const res = await post('/quarantine/q-1/resolve', 1024);
    expect({ status: res.statusCode, body: res.json() }).toEqual({ status: 200, body: { parsed: true } });
  });

  // The bug: the parser refused with a plain Error carrying statusCode 413,
  // which Nest's filter does not recognise, so the answer was 500.
  it('answers 413 with a problem body, not 500, for an ordinary route’s body over the platform limit', async () => {
    const res = await post('/quarantine/q-1/resolve', MIB + 100);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ statusCode: 413, error: 'Payload Too Large', code: 'body_too_large', message: `request body is larger than ${MIB} bytes` });
  });

  it('hands the partner route the raw bytes, up to twice the partner limit', async () => {
    const res = await post(PARTNER_EVENTS_PATH, MIB + 100);
    expect({ status: res.statusCode, body: res.json() }).toEqual({ status: 200, body: { raw: true, bytes: MIB + 100 } });
  });
});
