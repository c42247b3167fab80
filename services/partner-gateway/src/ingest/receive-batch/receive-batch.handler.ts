import { createHash } from 'node:crypto';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { PlatformEvent } from '@tjc/contracts';
import { addToOutbox, AdmissionGate, appendAudit, Overloaded, storableText } from '@tjc/runtime';
import { GatewayMetrics } from '../../common/gateway-metrics.service';
import { GATEWAY_CONFIG } from '../../common/tokens';
import type { GatewayConfig } from '../../config';
import { PrismaService, type Tx } from '../../prisma.service';
import { withTraceContext } from '../trace-context';
import {
  classifyEvent,
  eventIdOf,
  eventTypeOf,
  QUARANTINE_EXCERPT_BYTES,
  type BatchResult,
  type BodyRefusal,
  type DecodedBatch,
  type EventOutcome,
  type ReceiveBatchCommand,
} from './receive-batch.command';

export type ReceiveBatchResult = { readonly ok: true; readonly result: BatchResult } | { readonly ok: false; readonly refusal: BodyRefusal; readonly quarantineId: string };

/**
 * Processes one authenticated batch in ONE transaction:
 *  1. claims the webhook-id (primary key per partner): a replay, even a
 *     concurrent one, conflicts and the whole request is refused (409);
 *  2. a body refused as a whole is quarantined (an excerpt of it);
 *  3. otherwise every event is accepted (partner_event row + outbox row, so
 *     the relay publishes it to its domain topic with the partner's own
 *     id, source and time), a duplicate (source + id seen before, also
 *     across concurrent resends: the insert waits on the key), or rejected
 *     into the quarantine with its issues;
 *  4. one audit record for the request.
 * Either all of that commits or none of it (then the partner may resend the
 * same request: its webhook-id was not used up).
 */
@Injectable()
export class ReceiveBatchHandler {
  /** Backpressure: a bounded number of batches hold a connection at once, a bounded queue waits; beyond, 503 + Retry-After. */
  private readonly gate: AdmissionGate;

  constructor(
    private readonly prisma: PrismaService,
    private readonly metrics: GatewayMetrics,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.gate = new AdmissionGate({ ...config.ingest, retryAfterS: 1 });
  }

  async execute(command: ReceiveBatchCommand, decoded: DecodedBatch): Promise<ReceiveBatchResult> {
    const { partner } = command;
    const outcome = await this.gate.run(() => this.transaction(command, decoded)).catch((error: unknown) => {
      if (error instanceof ReplayedRequest) this.metrics.refused.inc({ partner: partner.id, reason: 'replayed' });
      if (error instanceof Overloaded) this.metrics.refused.inc({ partner: partner.id, reason: 'overloaded' });
      throw error;
    });
    if (outcome.ok) {
      const { accepted, duplicates, rejected } = outcome.result;
      if (accepted) this.metrics.events.inc({ partner: partner.id, channel: 'http', outcome: 'accepted' }, accepted);
      if (duplicates) this.metrics.events.inc({ partner: partner.id, channel: 'http', outcome: 'duplicate' }, duplicates);
      if (rejected) this.metrics.events.inc({ partner: partner.id, channel: 'http', outcome: 'rejected' }, rejected);
    } else {
      this.metrics.refused.inc({ partner: partner.id, reason: outcome.refusal.kind });
    }
    return outcome;
  }

  private transaction(command: ReceiveBatchCommand, decoded: DecodedBatch): Promise<ReceiveBatchResult> {
    const { partner, body } = command;
    return this.prisma.$transaction(
      async (tx) => {
        const claimed = await tx.partnerRequest.createMany({
          data: [
            {
              partner: partner.id,
              webhookId: partner.webhookId,
              webhookTimestamp: new Date(partner.webhookTimestamp * 1000),
              bodySha256: createHash('sha256').update(body).digest('hex'),
              bodyBytes: body.length,
            },
          ],
          skipDuplicates: true,
        });
        if (claimed.count === 0) throw new ReplayedRequest(partner.webhookId);
        if (!decoded.ok) return this.refuseBody(tx, command, decoded);
        return { ok: true as const, result: await this.processEvents(tx, command, decoded.events) };
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  }

  private async refuseBody(tx: Tx, command: ReceiveBatchCommand, refusal: BodyRefusal): Promise<ReceiveBatchResult> {
    const { partner, body } = command;
    // A refused body may hold U+0000, which a text column cannot store.
    const excerpt = storableText(body.subarray(0, QUARANTINE_EXCERPT_BYTES).toString('utf8'));
    const row = await tx.quarantine.create({
      data: {
        partner: partner.id,
        channel: 'http',
        webhookId: partner.webhookId,
        kind: refusal.kind,
        issues: [{ path: '', rule: refusal.kind, message: refusal.message }],
        raw: excerpt,
        rawBytes: body.length,
        truncated: body.length > QUARANTINE_EXCERPT_BYTES,
      },
      select: { id: true },
    });
    await appendAudit(tx, {
      actor: `partner:${partner.id}`,
      action: 'partner.batch.refused',
      entityType: 'partner-request',
      entityId: partner.webhookId,
      ...(command.requestId && { requestId: command.requestId }),
      detail: { kind: refusal.kind, message: refusal.message, bytes: body.length, quarantineId: row.id },
    });
    return { ok: false, refusal, quarantineId: row.id };
  }

  /**
   * The events of an accepted body in a fixed number of statements, whatever
   * their count: one multi-row quarantine insert for the rejected ones, one
   * multi-row partner_event insert whose RETURNING tells accepted from
   * duplicates, one outbox write, the request's counts, one audit record.
   */
  private async processEvents(tx: Tx, command: ReceiveBatchCommand, events: readonly unknown[]): Promise<BatchResult> {
    const { partner } = command;
    const results: EventOutcome[] = new Array<EventOutcome>(events.length);
    const candidates: { index: number; event: PlatformEvent }[] = [];
    const eventIndex = new Map<PlatformEvent, number>();
    const rejected: { index: number; row: Record<string, unknown>; outcome: Omit<EventOutcome, 'quarantineId'> }[] = [];
    const nowMs = Date.now();
    for (const [index, raw] of events.entries()) {
      const classified = classifyEvent(raw, partner, this.config.partners.grants, { nowMs, maxFutureS: this.config.limits.maxFutureS });
      if (classified.ok) {
        candidates.push({ index, event: classified.event });
        eventIndex.set(classified.event, index);
        continue;
      }
      const text = JSON.stringify(raw) ?? 'null';
      const [eventId, eventType] = [eventIdOf(raw), eventTypeOf(raw)];
      rejected.push({
        index,
        // The partner's id/type and the issues' messages (which may quote its input) as PostgreSQL can store them; `raw` keeps the exact JSON.
        row: {
          batch_index: index,
          event_id: eventId === null ? null : storableText(eventId),
          event_type: eventType === null ? null : storableText(eventType),
          kind: classified.kind,
          issues: classified.issues.map((i) => ({ ...i, message: storableText(i.message) })),
          raw: text,
          raw_bytes: Buffer.byteLength(text),
        },
        outcome: { index, id: eventId, status: 'rejected', issues: classified.issues },
      });
    }
    if (rejected.length > 0) {
      const ids = await tx.$queryRawUnsafe<{ id: string; batch_index: number }[]>(
        `INSERT INTO quarantine (partner, channel, webhook_id, batch_index, event_id, event_type, kind, issues, raw, raw_bytes)
         SELECT $1, 'http', $2, r.batch_index, r.event_id, r.event_type, r.kind, r.issues, r.raw, r.raw_bytes
           FROM jsonb_to_recordset($3::jsonb) AS r(batch_index int, event_id text, event_type text, kind text, issues jsonb, raw text, raw_bytes int)
         RETURNING id::text, batch_index`,
        partner.id,
        partner.webhookId,
        JSON.stringify(rejected.map((r) => r.row)),
      );
      const idOf = new Map(ids.map((r) => [r.batch_index, r.id]));
      for (const r of rejected) results[r.index] = { ...r.outcome, quarantineId: idOf.get(r.index)! };
    }

    // In a fixed order (by id) so two concurrent batches sharing ids wait on each other instead of deadlocking;
    // an id twice in one batch is a duplicate of its first occurrence.
    candidates.sort((a, b) => (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : a.index - b.index));
    const inserted = new Set<string>();
    if (candidates.length > 0) {
      const rows = await tx.$queryRawUnsafe<{ source: string; event_id: string }[]>(
        `INSERT INTO partner_event (source, event_id, type, subject, channel, webhook_id, event)
         SELECT r.source, r.event_id, r.type, r.subject, 'http', $1, r.event FROM jsonb_to_recordset($2::jsonb) AS r(source text, event_id text, type text, subject text, event jsonb)
         ON CONFLICT (source, event_id) DO NOTHING
         RETURNING source, event_id`,
        partner.webhookId,
        JSON.stringify(candidates.map(({ event }) => ({ source: event.source, event_id: event.id, type: event.type, subject: event.subject, event }))),
      );
      for (const r of rows) inserted.add(`${r.source}\u0000${r.event_id}`);
    }
    const accepted: PlatformEvent[] = [];
    for (const { index, event } of candidates) {
      const ref = `${event.source}\u0000${event.id}`;
      const first = inserted.delete(ref);
      if (first) accepted.push(event);
      results[index] = { index, id: event.id, status: first ? 'accepted' : 'duplicate' };
    }
    // The validated event as-is (its id, source and business time are the partner's),
    // continuing the trace of this request so its consumers' spans descend from it.
    // In partner order (not id order): the relay publishes in this order, and per subject it is the partner's.
    accepted.sort((a, b) => eventIndex.get(a)! - eventIndex.get(b)!);
    await addToOutbox(
      tx,
      accepted.map((event) => withTraceContext(event)),
    );

    const counts = { accepted: accepted.length, duplicates: candidates.length - accepted.length, rejected: events.length - candidates.length };
    await tx.partnerRequest.update({ where: { partner_webhookId: { partner: partner.id, webhookId: partner.webhookId } }, data: counts });
    // Last, so the audit chain's lock is held only until the commit that follows.
    await appendAudit(tx, {
      actor: `partner:${partner.id}`,
      action: 'partner.batch.received',
      entityType: 'partner-request',
      entityId: partner.webhookId,
      ...(command.requestId && { requestId: command.requestId }),
      detail: { ...counts, events: events.length, rejectedIds: results.filter((r) => r.status === 'rejected').map((r) => r.quarantineId ?? null) },
    });
    return { webhookId: partner.webhookId, results, ...counts };
  }
}

/** The webhook-id was used before by this partner (within the replay window). */
export class ReplayedRequest extends ConflictException {
  constructor(webhookId: string) {
    super({ statusCode: 409, error: 'Conflict', code: 'replayed', message: `webhook-id ${webhookId} was already used; every request needs a new webhook-id (resend failed events in a new request)` });
  }
}
