import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Attribution, Enterprise as EnterpriseSnapshot, type Source } from '@tjc/contracts';
import { EventPublisher } from '@tjc/runtime';
import { PrismaService } from '../../prisma.service';
import { fromDbDate } from '../../shared/business-time';
import { judgePartnerLead } from '../lead-judgement';

const BATCH = 100;

/**
 * Partner consortia recorded before this network stated them (ADR 0015) have
 * no statement, so the KPI never saw the registry's judgement of their lead.
 * At boot each one is judged and stated as its report would be today: the
 * report's event id and stated attribution come from the audit row that
 * recorded it (the only place they were kept), the rest from the record.
 * Idempotent: a consortium with a statement is never taken again; a record
 * whose report cannot be found in the audit log is logged and left.
 */
@Injectable()
export class BackfillPartnerStatements implements OnApplicationBootstrap {
  private readonly logger = new Logger(BackfillPartnerStatements.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventPublisher,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: readiness does not wait for old data; a failure is logged and retried next boot.
    void this.backfill().catch((err: unknown) => this.logger.error(`partner statement backfill stopped: ${err instanceof Error ? err.message : String(err)}`));
  }

  /** States every unstated partner consortium; returns how many were stated and how many lacked their report. */
  async backfill(): Promise<{ stated: number; unreported: number }> {
    let stated = 0;
    const unreported = new Set<string>();
    for (;;) {
      const done = await this.prisma.$transaction(async (tx) => {
        // One backfill at a time across replicas: two would state one consortium twice.
        await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('industry.partner-statement-backfill'))`);
        const rows = await tx.consortium.findMany({
          where: { origin: 'partner-report', statedEventId: null, formedOn: { not: null }, externalId: { not: null }, id: { notIn: [...unreported] } },
          orderBy: { id: 'asc' },
          take: BATCH,
        });
        for (const c of rows) {
          const [report] = await tx.$queryRawUnsafe<{ event_id: string | null; detail: { attribution?: unknown } }[]>(
            `SELECT event_id, detail FROM rt_audit WHERE entity_type = 'consortium' AND entity_id = $1
               AND action IN ('consortium.partner-reported', 'consortium.partner-report-updated') AND event_id IS NOT NULL
             ORDER BY seq DESC LIMIT 1`,
            c.id,
          );
          const claimed = EnterpriseSnapshot.safeParse(c.leadEnterprise);
          if (!report?.event_id || !claimed.success) {
            unreported.add(c.id);
            this.logger.warn(`partner consortium ${c.id}: its report is not in the audit log; not stated`);
            continue;
          }
          const attribution = Attribution.safeParse(report.detail.attribution);
          await judgePartnerLead(
            this.events,
            tx,
            { actor: 'system:statement-backfill', eventId: report.event_id },
            {
              source: c.reportedBy as Source,
              eventId: report.event_id,
              time: (c.reportedAt ?? c.createdAt).toISOString(),
              consortiumId: c.externalId!,
              claimed: claimed.data,
              formedOn: fromDbDate(c.formedOn!),
              ...(attribution.success && { attribution: attribution.data }),
            },
            c.id,
          );
        }
        return rows.length;
      });
      stated += done;
      if (done < BATCH) break;
    }
    stated -= unreported.size;
    if (stated > 0 || unreported.size > 0) this.logger.log(`partner statement backfill: ${stated} consortia stated, ${unreported.size} without their report`);
    return { stated, unreported: unreported.size };
  }
}
