/**
 * Reading an evaluation's lineage (drill-down, the annual report): stored
 * facts, each with its status, keys and duplicates derived from the current
 * makers of its keys (lineage.ts), filtered and paged in SQL.
 */
import { Injectable } from '@nestjs/common';
import { CATALOGUE, isEventType, toShanghaiIso } from '@tjc/contracts';
import type { SqlExecutor } from '@tjc/runtime';
import type { FactStatus } from '../kpi/kpi-evaluator';
import { deriveLineage, type DerivedLineage } from './lineage';
import { FACT_COLUMNS, factFromRow } from './pg-store';
import type { FactState, Holder } from './incremental';

export interface LineageRow extends DerivedLineage {
  readonly fact: FactState;
}

/** The event a lineage row is about, as the drill-down and the annual report show it (business time in Asia/Shanghai). */
export function lineageEvent(r: LineageRow) {
  const e = r.fact.event;
  const definition = isEventType(e.type) ? CATALOGUE[e.type] : undefined;
  return {
    eventId: e.id,
    source: e.source,
    type: e.type,
    typeLabel: definition?.title ?? null,
    aggregate: definition?.aggregate ?? null,
    subject: e.subject,
    time: toShanghaiIso(e.time),
    region: e.region,
    dataversion: e.dataversion,
    network: r.fact.dims.network,
  };
}

/** The SQL condition for a status (counted and duplicate are eligible facts with and without a contribution). */
const STATUS_SQL: Record<FactStatus, string> = {
  counted: `eligibility = 'eligible' AND contribution > 0`,
  duplicate: `eligibility = 'eligible' AND contribution = 0`,
  retracted: `eligibility = 'retracted'`,
  excluded: `eligibility = 'excluded'`,
};

export interface LineageQuery {
  readonly status?: FactStatus;
  /** Only events with business time up to this instant. */
  readonly cutoff?: Date;
  readonly limit: number;
  readonly offset: number;
}

@Injectable()
export class LineageReader {
  async page(db: SqlExecutor, evaluationId: number, query: LineageQuery): Promise<{ items: LineageRow[]; total: number; summary: Record<FactStatus, number>; value: number }> {
    const scope = `evaluation_id = $1 AND ($2::timestamptz IS NULL OR time <= $2::timestamptz)`;
    const where = query.status ? `${scope} AND ${STATUS_SQL[query.status]}` : scope;
    const [rows, counts] = await Promise.all([
      db.$queryRawUnsafe<Parameters<typeof factFromRow>[0][]>(
        `SELECT ${FACT_COLUMNS} FROM kpi_fact WHERE ${where} ORDER BY time, event_source, event_id LIMIT $3 OFFSET $4`,
        evaluationId,
        query.cutoff ?? null,
        query.limit,
        query.offset,
      ),
      db.$queryRawUnsafe<{ counted: number; duplicate: number; retracted: number; excluded: number; value: number; total: number }[]>(
        `SELECT count(*) FILTER (WHERE ${STATUS_SQL.counted})::int AS counted, count(*) FILTER (WHERE ${STATUS_SQL.duplicate})::int AS duplicate,
                count(*) FILTER (WHERE ${STATUS_SQL.retracted})::int AS retracted, count(*) FILTER (WHERE ${STATUS_SQL.excluded})::int AS excluded,
                coalesce(sum(contribution), 0)::int AS value,
                count(*) FILTER (WHERE ${query.status ? STATUS_SQL[query.status] : 'true'})::int AS total
           FROM kpi_fact WHERE ${scope}`,
        evaluationId,
        query.cutoff ?? null,
      ),
    ]);
    const c = counts[0]!;
    return { items: await this.derive(db, evaluationId, rows.map(factFromRow)), total: c.total, summary: { counted: c.counted, duplicate: c.duplicate, retracted: c.retracted, excluded: c.excluded }, value: c.value };
  }

  /** Every fact of an evaluation in business-time order (the annual report). */
  async all(db: SqlExecutor, evaluationId: number): Promise<LineageRow[]> {
    const rows = await db.$queryRawUnsafe<Parameters<typeof factFromRow>[0][]>(`SELECT ${FACT_COLUMNS} FROM kpi_fact WHERE evaluation_id = $1 ORDER BY time, event_source, event_id`, evaluationId);
    return this.derive(db, evaluationId, rows.map(factFromRow));
  }

  private async derive(db: SqlExecutor, evaluationId: number, facts: readonly FactState[]): Promise<LineageRow[]> {
    const keys = [...new Set(facts.flatMap((f) => f.eventKeys))];
    const makers = new Map<string, Pick<Holder, 'source' | 'id'>>();
    if (keys.length) {
      const rows = await db.$queryRawUnsafe<{ key: string; source: string; id: string }[]>(
        `SELECT key, maker_source AS source, maker_id AS id FROM kpi_key WHERE evaluation_id = $1 AND key = ANY($2::text[])`,
        evaluationId,
        keys,
      );
      for (const r of rows) makers.set(r.key, { source: r.source, id: r.id });
    }
    return facts.map((fact) => ({ fact, ...deriveLineage(fact, makers) }));
  }
}
