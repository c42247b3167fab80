import { Inject, Injectable, PayloadTooLargeException, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { decodeUtf8 } from '@tjc/contracts';
import { invalidUtf8 } from '@tjc/runtime';
import { GATEWAY_CONFIG } from '../common/tokens';
import type { GatewayConfig } from '../config';

/** The route whose body must reach the handler as the raw bytes that were signed. */
export const PARTNER_EVENTS_PATH = '/partner/v1/events';

type Done = (error: Error | null, body?: unknown) => void;
interface FastifyLike {
  initialConfig: { bodyLimit?: number };
  hasContentTypeParser(type: string): boolean;
  removeContentTypeParser(type: string): void;
  addContentTypeParser(type: string, options: { parseAs: 'buffer'; bodyLimit: number }, parser: (req: { url: string }, body: Buffer, done: Done) => void): void;
  getDefaultJsonParser(onProto: 'error', onConstructor: 'error'): (req: unknown, body: string, done: Done) => void;
}

/**
 * An HttpException, not a plain Error with a `statusCode`: parser errors
 * reach Nest's exception filter, which answers 500 for any Error that is
 * neither an HttpException nor a FastifyError.
 */
export function tooLarge(limit: number): PayloadTooLargeException {
  return new PayloadTooLargeException({ statusCode: 413, error: 'Payload Too Large', code: 'body_too_large', message: `request body is larger than ${limit} bytes` });
}

/** Twice the partner limit: bodies up to this (or the platform limit, if larger) are read, so an authenticated oversized batch can be quarantined. */
export function hardBodyLimit(config: GatewayConfig): number {
  return 2 * config.limits.maxBodyBytes;
}

/**
 * The HMAC covers the exact bytes the partner sent, so the partner route
 * must see them, not a re-serialisation of parsed JSON. startService does
 * not enable Nest's `rawBody`, so this replaces the JSON content-type parser
 * (before the server starts): the partner route gets the raw Buffer and
 * parses it itself after authentication (depth check first); every other
 * route gets Fastify's default JSON parsing (prototype-poisoning guarded),
 * under the platform's usual limit.
 */
@Injectable()
export class RawBodyParser implements OnModuleInit {
  constructor(
    private readonly host: HttpAdapterHost,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.host.httpAdapter?.getInstance<FastifyLike>();
    // Absent when the module runs without an HTTP server (unit tests).
    if (!fastify || typeof fastify.addContentTypeParser !== 'function') return;
    const jsonLimit = fastify.initialConfig.bodyLimit ?? 1024 * 1024;
    const hardLimit = Math.max(hardBodyLimit(this.config), jsonLimit);
    const json = fastify.getDefaultJsonParser('error', 'error');
    if (fastify.hasContentTypeParser('application/json')) fastify.removeContentTypeParser('application/json');
    fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: hardLimit }, (req, body, done) => {
      if (req.url.split('?')[0] === PARTNER_EVENTS_PATH) return done(null, body);
      if (body.length > jsonLimit) return done(tooLarge(jsonLimit));
      const text = decodeUtf8(body);
      if (!text.ok) return done(invalidUtf8(text.offset));
      json(req, text.text, done);
    });
  }
}
