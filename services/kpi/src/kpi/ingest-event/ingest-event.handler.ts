import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '../../logger';
import { EVENTS, type EventData, type PlatformEvent } from '@tjc/contracts';
import { RUNTIME_LOGGER } from '@tjc/runtime';
import type { Tx } from '../../prisma.service';
import { KpiJobs } from '../../jobs/kpi-jobs.service';
import { shanghaiYear } from '../business-time';
import { KpiEngine } from '../kpi-engine.service';
import { judgeCorrection } from '../kpi-evaluator';

/**
 * One consumed event, in the consumer's transaction (the runtime's inbox has
 * already claimed it): archive it, then recompute the KPIs it can change.
 *
 *  - a domain event: the KPIs of its business year (Asia/Shanghai) whose
 *    event types include it;
 *  - a KPI setting: that KPI of that year (evaluated from the archive, so
 *    events that arrived before the KPI was defined count);
 *  - a correction: the KPIs of its target's year; a correction whose target
 *    has not arrived yet waits in the archive and applies when it does.
 */
@Injectable()
export class IngestEventHandler {
  constructor(
    private readonly engine: KpiEngine,
    private readonly jobs: KpiJobs,
    @Inject(RUNTIME_LOGGER) private readonly logger: Logger,
  ) {}

  async handle(tx: Tx, event: PlatformEvent): Promise<void> {
    await this.engine.lockEngineShared(tx);
    const correction = event.type === EVENTS.eventCorrected ? (event.data as EventData<'center.event.corrected.v1'>) : undefined;
    await this.engine.lockEvent(tx, correction?.target.source ?? event.source, correction?.target.id ?? event.id);
    if (!(await this.engine.archive(tx, event))) return;

    let year: number;
    let affects: (eventTypes: readonly string[], kpiCode: string) => boolean;
    if (event.type === EVENTS.kpiTargetSet) {
      const data = event.data as EventData<'center.kpi.target-set.v1'>;
      year = data.year;
      affects = (_types, kpiCode) => kpiCode === data.kpiCode;
    } else if (correction) {
      const target = await this.engine.findArchived(tx, correction.target.source, correction.target.id);
      if (!target) {
        this.logger.info({ correction: event.id, target: correction.target }, 'correction waits for its target event');
        return;
      }
      const verdict = judgeCorrection({ source: event.source, target: correction.target }, target);
      if (verdict !== 'accepted') {
        this.logger.warn({ correction: event.id, source: event.source, target: correction.target, verdict }, 'correction ignored');
        return;
      }
      year = target.bizYear;
      affects = (types) => types.includes(target.type);
    } else if (event.type.startsWith('center.')) {
      return;
    } else {
      year = shanghaiYear(event.time);
      affects = (types) => types.includes(event.type);
    }

    await this.engine.lockYear(tx, year);
    const definitions = (await this.engine.definitions(tx, year)).filter((d) => affects(d.eventTypes, d.kpiCode));
    if (definitions.length === 0) return;
    const result = await this.engine.recompute(tx, year, definitions, { source: event.source, id: event.id, type: event.type });
    // Enqueued before this transaction commits: the job waits (retries) until
    // the year's fact version it names is visible, so it never rolls up too early.
    this.jobs.requestRollup(year, result.factVersion);
  }
}
