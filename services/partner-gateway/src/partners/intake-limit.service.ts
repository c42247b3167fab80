import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Overloaded } from '@tjc/runtime';
import { GatewayMetrics } from '../common/gateway-metrics.service';
import { GATEWAY_CONFIG } from '../common/tokens';
import type { GatewayConfig } from '../config';
import { isPartnerId } from './partner';
import { PARTNER_EVENTS_PATH } from './raw-body.service';

interface IntakeRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
}
interface IntakeReply {
  readonly raw: { once(event: 'close', listener: () => void): unknown };
  code(status: number): IntakeReply;
  header(name: string, value: string): IntakeReply;
  send(body: unknown): unknown;
}
interface IntakeFastify {
  addHook(name: 'onRequest', hook: (req: IntakeRequest, reply: IntakeReply, done: () => void) => void): unknown;
}

/**
 * Bounds the partner requests the gateway holds at once, before their bodies
 * are read. The ingest gate (ReceiveBatchHandler) bounds the batches written
 * at once, but a batch reaches it already received and parsed: a client with
 * many connections open made the gateway buffer and parse every body at once
 * (831 MiB in the benchmark's overload phase). Here, at onRequest, a request
 * beyond PARTNER_INTAKE_MAX is answered 503 + Retry-After without its body
 * being read (the runtime drains what the client still sends, ADR 0010), and
 * a slot is released when the response is finished or the connection closed.
 */
@Injectable()
export class PartnerIntakeLimit implements OnModuleInit {
  private held = 0;

  constructor(
    private readonly host: HttpAdapterHost,
    private readonly metrics: GatewayMetrics,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Partner requests being received, parsed, waiting or written right now. */
  get inFlight(): number {
    return this.held;
  }

  onModuleInit(): void {
    const fastify = this.host.httpAdapter?.getInstance<IntakeFastify>();
    // Absent when the module runs without an HTTP server (unit tests).
    if (!fastify || typeof fastify.addHook !== 'function') return;
    const max = this.config.ingest.intakeMax;
    fastify.addHook('onRequest', (req, reply, done) => {
      if (req.method !== 'POST' || req.url.split('?')[0] !== PARTNER_EVENTS_PATH) return done();
      if (this.held >= max) {
        // The partner header is not verified yet: only a known id becomes a label (no label per made-up value).
        const claimed = req.headers['x-partner-id'];
        this.metrics.refused.inc({ partner: isPartnerId(claimed) ? claimed : 'unverified', reason: 'overloaded' });
        const refusal = new Overloaded('admission', 1);
        void reply.code(503).header('retry-after', String(refusal.retryAfterS)).send(refusal.getResponse());
        return;
      }
      this.held++;
      let released = false;
      reply.raw.once('close', () => {
        if (released) return;
        released = true;
        this.held--;
      });
      done();
    });
  }
}
