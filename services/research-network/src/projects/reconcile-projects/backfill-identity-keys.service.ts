import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PrismaService } from '../../prisma.service';
import { ProjectIdentityService } from './project-identity.service';

const BATCH = 200;
const ACTOR = 'system:identity-backfill';

/**
 * Projects recorded before project identity existed (ADR 0016) have no
 * identity key, so they were never compared with other sources' reports and a
 * duplicate among them could count twice unseen. At boot, each one gets its
 * key and the same suspicion check a new report gets; suspected duplicates go
 * to the reconciliation queue like any other. Idempotent, so every boot (and
 * every replica) may run it: a project with a key is never taken again, and
 * suspicion check's advisory lock keeps two replicas from queueing one pair twice.
 * Projects not yet found are keyed when they are (their found event comes back).
 */
@Injectable()
export class BackfillIdentityKeys implements OnApplicationBootstrap {
  private readonly logger = new Logger(BackfillIdentityKeys.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly identity: ProjectIdentityService,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: readiness does not wait for old data, and a failure is logged, then retried next boot.
    void this.backfill().catch((err: unknown) => this.logger.error(`identity backfill stopped: ${err instanceof Error ? err.message : String(err)}`));
  }

  /** Keys every found project without one, in batches; returns how many were keyed and how many suspicions were queued. */
  async backfill(): Promise<{ keyed: number; suspected: number }> {
    let keyed = 0;
    let suspected = 0;
    for (;;) {
      const batch = await this.prisma.$transaction(async (tx) => {
        const projects = await tx.project.findMany({ where: { identityKey: null, foundAt: { not: null } }, select: { id: true, title: true, institutionName: true }, orderBy: { id: 'asc' }, take: BATCH });
        let queued = 0;
        for (const p of projects) queued += await this.identity.suspect(tx, p.id, p.title, p.institutionName, ACTOR);
        return { count: projects.length, queued };
      });
      keyed += batch.count;
      suspected += batch.queued;
      if (batch.count < BATCH) break;
    }
    if (keyed > 0) this.logger.log(`identity backfill: ${keyed} projects keyed, ${suspected} suspected duplicates queued`);
    return { keyed, suspected };
  }
}
