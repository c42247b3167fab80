import 'reflect-metadata';
import { BadRequestException, type DynamicModule, type Type } from '@nestjs/common';
import { ModuleRef, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { TokenVerifier } from '@tjc/auth';
import { deadLetterTopic, decodeUtf8, TOPICS, type TopicKey } from '@tjc/contracts';
import { httpRateLimitConfigFrom } from '@tjc/rate-limit';
import { DEAD_LETTER_HOOK, ReliableKafkaServer, type DeadLetterHook } from './consumer/reliable-kafka.server';
import { RethrowRpcExceptionsFilter } from './consumer/rethrow-rpc-exceptions.filter';
import { RUNTIME_DB, type TransactionalDb } from './db/sql';
import { ConsumerRegistry } from './health/consumer-registry';
import { HttpRateLimits } from './http/rate-limit';
import { ReadinessChecks } from './health/readiness';
import { drainBeforeAnswering, lingeringClientErrorHandler } from './http/refusals';
import { installHttpMetrics } from './http/http-metrics';
import { requestIdFrom } from './http/request-id';
import { createValidationPipe, StorableTextPipe } from './http/validation';
import { ensureTopics } from './kafka/kafka-client';
import { namespaced } from './kafka/namespace';
import { RUNTIME_KAFKA, RUNTIME_LOGGER, RUNTIME_OPTIONS, type RuntimeModuleOptions } from './runtime.module';
import { PinoNestLogger } from './telemetry/logger';
import { RuntimeMetrics } from './telemetry/metrics';

export interface ServiceBootstrapOptions {
  readonly module: Type<unknown> | DynamicModule;
  readonly port: number;
  /** The address to listen on; default HTTP_HOST (loopback unless configured). */
  readonly host?: string;
  readonly consumer?: {
    readonly groupId: string;
    readonly topics: readonly TopicKey[];
    readonly fromBeginning?: boolean;
  };
  readonly docs: { readonly title: string; readonly description: string };
  /** Exit the process on SIGTERM/SIGINT after a graceful shutdown (default true). */
  readonly handleSignals?: boolean;
}

export interface RunningService {
  readonly app: NestFastifyApplication;
  readonly url: string;
  readonly consumer?: ReliableKafkaServer;
  /** Stops consuming and drains, then closes HTTP, the relay, Kafka clients and the database, in that order. */
  shutdown(): Promise<void>;
}

/**
 * Starts a platform service: Fastify HTTP API with OpenAPI at /docs, the
 * zod validation pipe, topics ensured, and (optionally) the reliable Kafka
 * consumer under the app's @EventPattern handlers.
 */
/** Largest JSON body any platform API accepts (the partner gateway reads larger ones on its own route). */
export const JSON_BODY_LIMIT = 1024 * 1024;

/** The HTTP server every service runs on: Fastify with the platform's limits and request ids. */
export function platformHttpAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: JSON_BODY_LIMIT,
    // Contract ids are up to 128 characters; Fastify's default (100) answered 414 for valid ones.
    routerOptions: { maxParamLength: 256 },
    // The client's x-request-id only when it is a short plain token; otherwise one of ours (request-id.ts).
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => requestIdFrom(req.headers),
    // A refused request head (431, 400) is answered with a lingering close, so the client reads it (ADR 0010).
    clientErrorHandler: lingeringClientErrorHandler(),
  });
}

/** A body parser as `useBodyParser` takes it, and Fastify's JSON parser of text (the runtime does not depend on Fastify's types). */
type BodyParser = NonNullable<Parameters<NestFastifyApplication['useBodyParser']>[2]>;
// `req: never`: the request is passed through untouched, and Fastify's own parser is typed for its default server.
type JsonTextParser = (req: never, body: string, done: NonNullable<Parameters<BodyParser>[2]>) => void;

/** An invalid UTF-8 body as a 400 (a Nest exception: a content parser's error reaches the platform's exception filter). */
export function invalidUtf8(offset: number): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', code: 'invalid_utf8', message: `the body is not valid UTF-8 (byte ${offset}); JSON must be UTF-8 (RFC 8259)` });
}

/**
 * Fastify's JSON parsing (prototype poisoning refused), on text decoded
 * strictly: its own decoding would turn bytes that are not UTF-8 into U+FFFD
 * and the record would store text nobody sent (#18.16).
 */
function strictJsonParser(json: JsonTextParser): BodyParser {
  return (req, body, done) => {
    // Nest passes `done` to every parser that declares three parameters, as this one does.
    if (!done) throw new Error('a body parser was called without its done callback');
    const decoded = decodeUtf8(body);
    if (!decoded.ok) return done(invalidUtf8(decoded.offset), undefined);
    json(req as never, decoded.text, done);
  };
}

/**
 * Body handling of every service, on an app made with platformHttpAdapter()
 * and `bodyParser: false`: only JSON is parsed (Nest would also parse
 * application/x-www-form-urlencoded, which no API of ours documents, so other
 * content types are answered 415), and an answer given before the body was
 * read (413, 415, …) waits until the body is drained (ADR 0010).
 */
export function configurePlatformHttp(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  app.useBodyParser('application/json', { bodyLimit: JSON_BODY_LIMIT }, strictJsonParser(fastify.getDefaultJsonParser('error', 'error')));
  drainBeforeAnswering(fastify);
  // The id the request is logged and audited under, so a caller can quote it (theirs, or ours when theirs was refused).
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
}

/**
 * Starts a platform service: Fastify HTTP API with OpenAPI at /docs, the
 * zod validation pipe, topics ensured, and (optionally) the reliable Kafka
 * consumer under the app's @EventPattern handlers.
 */
export async function startService(options: ServiceBootstrapOptions): Promise<RunningService> {
  const app = await NestFactory.create<NestFastifyApplication>(
    options.module,
    platformHttpAdapter(),
    // abortOnError false: a start-up error rejects startService (main.ts logs it
    // and exits 1) instead of Nest calling process.exit; it also lets us probe
    // optional providers with app.get. bodyParser false: see configurePlatformHttp.
    { bufferLogs: true, abortOnError: false, bodyParser: false },
  );
  configurePlatformHttp(app);
  installHttpMetrics(app.getHttpAdapter().getInstance(), app.get(RuntimeMetrics));
  const logger = app.get<Logger>(RUNTIME_LOGGER);
  app.useLogger(new PinoNestLogger(logger));
  app.useGlobalPipes(new StorableTextPipe(), createValidationPipe());
  const filter = new RethrowRpcExceptionsFilter(app.getHttpAdapter())
    .auditDenials({
      db: app.get<TransactionalDb>(RUNTIME_DB),
      logger: logger.child({ component: 'audit' }),
    })
    .countOverload(app.get(RuntimeMetrics));
  app.useGlobalFilters(filter);
  const runtime = app.get<RuntimeModuleOptions>(RUNTIME_OPTIONS);
  // Only the configured origins (the console's by default), and no credentials: the
  // APIs take bearer tokens, never cookies, so a browser has nothing to send along.
  app.enableCors({ origin: runtime.env.CORS_ORIGINS, credentials: false, allowedHeaders: ['authorization', 'content-type', 'x-request-id'], exposedHeaders: ['x-request-id', 'retry-after'], maxAge: 600 });
  const rateLimitConfig = httpRateLimitConfigFrom(runtime.env);
  const rateLimits = rateLimitConfig.enabled
    ? new HttpRateLimits({
        config: rateLimitConfig,
        service: runtime.service,
        redisUrl: runtime.env.REDIS_URL,
        logger: logger.child({ component: 'rate-limit' }),
        registry: app.get(RuntimeMetrics).registry,
        ...optionalWith(app, TokenVerifier, (verifier) => ({ verifier })),
      })
    : undefined;
  rateLimits?.install(app);
  if (rateLimits !== undefined && rateLimitConfig.failMode === 'closed') app.get(ReadinessChecks).add('rate-limit-redis', rateLimits.readiness());
  const kafka = app.get<Kafka>(RUNTIME_KAFKA);
  const topicSpecs = [...Object.values(TOPICS), ...(options.consumer ? [deadLetterTopic(options.consumer.groupId)] : [])];
  const created = await ensureTopics(kafka, topicSpecs);
  if (created.length) logger.info({ topics: created }, 'created Kafka topics');

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(options.docs.title).setDescription(options.docs.description).setVersion('1.0').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json', yamlDocumentUrl: 'docs/yaml' });

  let consumer: ReliableKafkaServer | undefined;
  if (options.consumer) {
    const hook = optional<DeadLetterHook>(app, DEAD_LETTER_HOOK);
    consumer = new ReliableKafkaServer({
      kafka,
      db: app.get<TransactionalDb>(RUNTIME_DB),
      logger: logger.child({ component: 'consumer' }),
      metrics: app.get(RuntimeMetrics),
      groupId: options.consumer.groupId,
      topics: options.consumer.topics.map((t) => namespaced(TOPICS[t].name)),
      source: runtime.source,
      concurrency: runtime.env.CONSUMER_CONCURRENCY,
      batchSize: runtime.env.CONSUMER_BATCH_SIZE,
      sessionTimeoutMs: runtime.env.KAFKA_SESSION_TIMEOUT_MS,
      maxAttempts: runtime.env.CONSUMER_MAX_ATTEMPTS,
      retryBaseMs: runtime.env.CONSUMER_RETRY_BASE_MS,
      ...(options.consumer.fromBeginning !== undefined && { fromBeginning: options.consumer.fromBeginning }),
      ...(hook && { onDeadLetter: (message, failure) => hook.onDeadLetter(message, failure) }),
    });
    app.get(ConsumerRegistry).server = consumer;
    // Inherits the filter above, so the consumer sees handlers' original errors.
    app.connectMicroservice({ strategy: consumer }, { inheritAppConfig: true });
    await app.startAllMicroservices();
  }

  await app.listen({ port: options.port, host: options.host ?? runtime.env.HTTP_HOST });
  // Port 0 (tests) means "any free port": report the one actually bound.
  const address = app.getHttpServer().address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.port}`;
  logger.info({ url, docs: `${url}/docs` }, `${runtime.service} listening`);

  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      logger.info('shutting down: stop consuming and drain');
      // Order matters: the consumer drains and commits while the database is
      // still open; only then do the relay, producer and database close.
      await consumer?.close();
      // The counted anonymous denials of the open windows, while the database is still open.
      await filter.flushDenials();
      await app.close();
      await rateLimits?.close();
      logger.info('shut down');
    })());

  if (options.handleSignals !== false) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        shutdown().then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      });
    }
  }
  return { app, url, shutdown, ...(consumer && { consumer }) };
}

/** `make(provider)` when the app registers the provider, else an empty object (to spread into options). */
function optionalWith<T, R extends object>(app: NestFastifyApplication, token: abstract new (...args: never[]) => T, make: (provider: T) => R): R | Record<string, never> {
  try {
    return make(app.get(ModuleRef).get<T>(token as unknown as symbol, { strict: false }));
  } catch {
    return {};
  }
}

/** A provider the app may or may not register. */
function optional<T>(app: NestFastifyApplication, token: symbol): T | undefined {
  try {
    // Through ModuleRef, not app.get: the application's methods run in Nest's exception zone, which logs
    // "could not find …" at error level before the catch below can say that absence is fine.
    return app.get(ModuleRef).get<T>(token, { strict: false });
  } catch {
    return undefined;
  }
}
