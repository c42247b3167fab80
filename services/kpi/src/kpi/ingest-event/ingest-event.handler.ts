import { Injectable } from '@nestjs/common';
import type { PlatformEvent } from '@tjc/contracts';
import type { Tx } from '../../prisma.service';
import { EvaluationBuilder } from '../../engine/evaluation-builder.service';
import { KpiEngine, type IngestOutcome } from '../../engine/kpi-engine.service';
import { KpiCache } from '../kpi-cache.service';

/**
 * Consumed events, in the consumer's transaction (the runtime's inbox has
 * already claimed them): archived, and applied to the evaluations they
 * concern (src/engine). After the commit, the API's cache of the years whose
 * figures moved is invalidated, and the evaluation builder is woken for a
 * KPI whose counting rule changed.
 */
@Injectable()
export class IngestEventHandler {
  constructor(
    private readonly engine: KpiEngine,
    private readonly cache: KpiCache,
    private readonly builder: EvaluationBuilder,
  ) {}

  async handle(tx: Tx, events: readonly PlatformEvent[], afterCommit: (fn: () => Promise<void> | void) => void): Promise<IngestOutcome> {
    const outcome = await this.engine.ingest(tx, events);
    if (outcome.changedYears.size > 0) afterCommit(() => this.cache.invalidate(...outcome.changedYears));
    if (outcome.newEvaluations.length > 0) afterCommit(() => this.builder.poke());
    return outcome;
  }
}
