import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { fromWireValue, isPartnerSource, parseEvent, SOURCE_IDS, type ContractIssue, type Source } from '@tjc/contracts';
import { GatewayMetrics } from '../../common/gateway-metrics.service';
import { GATEWAY_CONFIG } from '../../common/tokens';
import type { GatewayConfig } from '../../config';
import type { Prisma } from '../../generated/prisma/client';
import { PARTNER_GATEWAY_GROUP } from '../../ingest/consume-inbound/consume-inbound.consumer';
import { PrismaService } from '../../prisma.service';
import { QUARANTINE_EXCERPT_BYTES } from '../../ingest/receive-batch/receive-batch.command';

interface DeadLetterRow {
  id: string;
  created_at: Date;
  value: string | null;
  headers: Record<string, string>;
  event_id: string | null;
  event_type: string | null;
  error_kind: string;
  error: string;
}

/**
 * Copies what the runtime dead-lettered from tjc.partner.inbound.v1
 * (invalid envelope or data, unknown type, a source that may not publish
 * the type) into the quarantine, so a coordinator sees Kafka refusals next
 * to HTTP ones, with structured issues. Idempotent (dead_letter_id is
 * unique), so every instance may sweep. The dead letter itself stays for
 * ops (replay/discard). A runtime hook would make this immediate; see the
 * report / docs/partners.md.
 */
@Injectable()
export class SweepDeadLettersService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SweepDeadLetters');
  private timer?: NodeJS.Timeout;
  private running: Promise<number> | undefined;

  constructor(
    private readonly prisma: PrismaService,
    private readonly metrics: GatewayMetrics,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.logger.warn(`dead-letter sweep failed: ${(error as Error).message}`));
    }, this.config.quarantineSweepMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass; returns how many dead letters were quarantined. Also prunes the replay guard. */
  sweep(): Promise<number> {
    this.running ??= this.sweepOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepOnce(): Promise<number> {
    await this.pruneReplayGuard();
    const rows = await this.prisma.$queryRawUnsafe<DeadLetterRow[]>(
      `SELECT d.id, d.created_at, d.value, d.headers, d.event_id, d.event_type, d.error_kind, d.error
         FROM rt_dead_letter d
        WHERE d.consumer_group = $1 AND NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.dead_letter_id = d.id)
        ORDER BY d.created_at LIMIT 500`,
      PARTNER_GATEWAY_GROUP,
    );
    if (rows.length === 0) return 0;
    const data = rows.map((row) => {
      const raw = row.value ?? '';
      const source = sourceOf(row);
      const partner = source && isPartnerSource(source) ? source.slice('partner/'.length) : 'unknown';
      return {
        partner,
        channel: 'kafka',
        receivedAt: row.created_at,
        eventId: row.event_id,
        eventType: row.event_type,
        kind: 'dead_letter',
        issues: issuesOf(row) as unknown as Prisma.InputJsonValue,
        raw: raw.slice(0, QUARANTINE_EXCERPT_BYTES),
        rawBytes: Buffer.byteLength(raw),
        truncated: raw.length > QUARANTINE_EXCERPT_BYTES,
        deadLetterId: row.id,
      };
    });
    const inserted = await this.prisma.quarantine.createMany({ data, skipDuplicates: true });
    for (const d of data) this.metrics.events.inc({ partner: d.partner, channel: 'kafka', outcome: 'rejected' });
    this.logger.log(`quarantined ${inserted.count} dead letter(s) of the partner inbound topic`);
    return inserted.count;
  }

  /**
   * Forgets webhook-ids whose timestamp is older than the tolerance (plus a
   * minute): a request that old is refused as stale before the replay check.
   */
  private async pruneReplayGuard(): Promise<void> {
    const before = new Date(Date.now() - (this.config.limits.timestampToleranceS + 60) * 1000);
    await this.prisma.partnerRequest.deleteMany({ where: { webhookTimestamp: { lt: before } } });
  }
}

function sourceOf(row: DeadLetterRow): Source | undefined {
  const candidates: unknown[] = [row.headers['ce_source']];
  const decoded = fromWireValue(row.value);
  if (decoded.ok && typeof decoded.raw === 'object' && decoded.raw !== null) candidates.push((decoded.raw as { source?: unknown }).source);
  return candidates.find((c): c is Source => typeof c === 'string' && (SOURCE_IDS as readonly string[]).includes(c));
}

/** The contracts' structured issues when the value still decodes, else the runtime's error text. */
function issuesOf(row: DeadLetterRow): ContractIssue[] {
  const decoded = fromWireValue(row.value);
  if (!decoded.ok) return [{ path: '', rule: 'invalid_json', message: decoded.reason }];
  const parsed = parseEvent(decoded.raw);
  if (!parsed.ok) return [...parsed.error.issues];
  return [{ path: '', rule: row.error_kind, message: row.error }];
}
