/**
 * An evaluation's state in PostgreSQL (kpi_fact, kpi_key, kpi_key_holder,
 * kpi_figure), in the caller's transaction: three reads and one write per
 * batch, whatever its size — the rows travel as one JSON parameter each
 * (jsonb_to_recordset), so a batch of 500 events is still four statements.
 * Raw SQL on purpose: these are the engine's hot statements, and what they
 * return is small and typed here.
 */
import type { SqlExecutor } from '@tjc/runtime';
import type { AppliedCorrection } from '../kpi/kpi-evaluator';
import type { EvaluationStore } from './evaluation-store';
import { refOf, type Change, type Eligibility, type FactState, type FigureKey, type Holder } from './incremental';

/** Advisory lock class of a key of an evaluation (48101–48103: the engine's other locks). */
export const KEY_LOCK_CLASS = 48_104;

interface FactRow {
  event_source: string;
  event_id: string;
  type: string;
  subject: string;
  time: Date;
  month: number;
  network: string;
  region: string;
  dataversion: string;
  received_at: Date;
  eligibility: Eligibility;
  reason: string | null;
  correction: AppliedCorrection | null;
  event_keys: string[] | null;
  contribution: number;
}

interface HolderRow {
  key: string;
  source: string;
  id: string;
  time: Date;
  month: number;
  network: string;
  region: string;
}

export function factFromRow(r: FactRow): FactState {
  return {
    event: { source: r.event_source, id: r.event_id, type: r.type, subject: r.subject, time: r.time, region: r.region, dataversion: r.dataversion, receivedAt: r.received_at },
    dims: { month: r.month, network: r.network, region: r.region },
    eligibility: r.eligibility,
    reason: r.reason,
    correction: r.correction,
    eventKeys: r.event_keys ?? [],
    contribution: r.contribution,
  };
}

const holderFromRow = (r: HolderRow): Holder => ({ source: r.source, id: r.id, time: r.time, dims: { month: r.month, network: r.network, region: r.region } });

export const FACT_COLUMNS = 'event_source, event_id, type, subject, time, month, network, region, dataversion, received_at, eligibility, reason, correction, event_keys, contribution';

export class PgEvaluationStore implements EvaluationStore {
  constructor(
    private readonly db: SqlExecutor,
    readonly evaluationId: number,
  ) {}

  async loadFacts(refs: readonly { source: string; id: string }[]): Promise<Map<string, FactState | null>> {
    const out = new Map<string, FactState | null>(refs.map((r) => [refOf(r), null]));
    if (refs.length === 0) return out;
    const rows = await this.db.$queryRawUnsafe<FactRow[]>(
      `SELECT ${FACT_COLUMNS} FROM kpi_fact f
        JOIN jsonb_to_recordset($2::jsonb) AS r(source text, id text) ON f.event_source = r.source AND f.event_id = r.id
       WHERE f.evaluation_id = $1`,
      this.evaluationId,
      JSON.stringify(refs.map((r) => ({ source: r.source, id: r.id }))),
    );
    for (const row of rows) out.set(refOf({ source: row.event_source, id: row.event_id }), factFromRow(row));
    return out;
  }

  async lockKeys(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    // In ascending lock-id order (OFFSET 0 keeps the sort below the function calls): every writer takes its keys in the same order.
    await this.db.$executeRawUnsafe(
      `SELECT pg_advisory_xact_lock(${KEY_LOCK_CLASS}, h) FROM (SELECT DISTINCT hashtext($1::text || ':' || k) AS h FROM unnest($2::text[]) AS k ORDER BY h OFFSET 0) s`,
      String(this.evaluationId),
      [...keys],
    );
  }

  async loadMakers(keys: readonly string[]): Promise<Map<string, Holder | null>> {
    const out = new Map<string, Holder | null>(keys.map((k) => [k, null]));
    if (keys.length === 0) return out;
    const rows = await this.db.$queryRawUnsafe<HolderRow[]>(
      `SELECT key, maker_source AS source, maker_id AS id, maker_time AS time, maker_month AS month, maker_network AS network, maker_region AS region
         FROM kpi_key WHERE evaluation_id = $1 AND key = ANY($2::text[])`,
      this.evaluationId,
      [...keys],
    );
    for (const row of rows) out.set(row.key, holderFromRow(row));
    return out;
  }

  async loadHolders(keys: readonly string[]): Promise<Map<string, Holder[]>> {
    const out = new Map<string, Holder[]>(keys.map((k) => [k, []]));
    if (keys.length === 0) return out;
    const rows = await this.db.$queryRawUnsafe<HolderRow[]>(
      `SELECT key, source, id, time, month, network, region FROM kpi_key_holder
        WHERE evaluation_id = $1 AND key = ANY($2::text[]) ORDER BY key, time, source, id`,
      this.evaluationId,
      [...keys],
    );
    for (const row of rows) out.get(row.key)!.push(holderFromRow(row));
    return out;
  }

  /**
   * The whole change in one statement (data-modifying CTEs). They never touch
   * the same row twice: deltas go to facts outside the batch, a holder
   * inserted and deleted in one batch is neither, a key's maker is either
   * set or removed. Rows are sorted, so concurrent batches lock shared rows
   * (figures, facts) in the same order.
   */
  async write(change: Change): Promise<void> {
    const facts = [...change.facts.values()]
      .sort((a, b) => cmp(refOf(a.event), refOf(b.event)))
      .map((f) => ({
        source: f.event.source,
        id: f.event.id,
        type: f.event.type,
        subject: f.event.subject,
        time: f.event.time.toISOString(),
        month: f.dims.month,
        network: f.dims.network,
        region: f.dims.region,
        dataversion: f.event.dataversion,
        received_at: f.event.receivedAt.toISOString(),
        eligibility: f.eligibility,
        reason: f.reason,
        correction: f.correction,
        event_keys: f.eventKeys,
        contribution: f.contribution,
      }));
    const deltas = [...change.contributionDeltas].sort(([a], [b]) => cmp(a, b)).map(([ref, delta]) => {
      const [source, id] = ref.split('\u0000') as [string, string];
      return { source, id, delta };
    });
    const holderDeletes = [...change.holderDeletes.values()];
    const holderInserts = [...change.holderInserts.values()].map(({ key, holder }) => ({ key, ...holderJson(holder) }));
    const holderMoves = [...change.holderMoves.values()].map(({ key, holder }) => ({ key, ...holderJson(holder) }));
    const makersSet = [...change.makers].filter(([, m]) => m !== null).map(([key, m]) => ({ key, ...holderJson(m!) }));
    const makersGone = [...change.makers].filter(([, m]) => m === null).map(([key]) => key);
    const figures = [...change.figureDeltas]
      .sort(([a], [b]) => cmp(a, b))
      .map(([fk, delta]) => {
        const [dimension, ...rest] = (fk as FigureKey).split('/');
        return { dimension: dimension!, key: rest.join('/'), delta };
      });
    if (!facts.length && !deltas.length && !holderDeletes.length && !holderInserts.length && !holderMoves.length && !makersSet.length && !makersGone.length && !figures.length) return;

    const result = await this.db.$queryRawUnsafe<{ deltas_applied: bigint | number }[]>(
      `WITH
         facts AS (
           INSERT INTO kpi_fact (evaluation_id, ${FACT_COLUMNS})
           SELECT $1, r.source, r.id, r.type, r.subject, r.time, r.month, r.network, r.region, r.dataversion, r.received_at,
                  r.eligibility, r.reason, r.correction, ARRAY(SELECT jsonb_array_elements_text(r.event_keys)), r.contribution
             FROM jsonb_to_recordset($2::jsonb) AS r(source text, id text, type text, subject text, time timestamptz, month int, network text, region text,
                  dataversion text, received_at timestamptz, eligibility text, reason text, correction jsonb, event_keys jsonb, contribution int)
           ON CONFLICT (evaluation_id, event_source, event_id) DO UPDATE SET
             region = EXCLUDED.region, eligibility = EXCLUDED.eligibility, reason = EXCLUDED.reason, correction = EXCLUDED.correction,
             event_keys = EXCLUDED.event_keys, contribution = EXCLUDED.contribution
           RETURNING 1),
         deltas AS (
           UPDATE kpi_fact f SET contribution = f.contribution + d.delta
             FROM jsonb_to_recordset($3::jsonb) AS d(source text, id text, delta int)
            WHERE f.evaluation_id = $1 AND f.event_source = d.source AND f.event_id = d.id
           RETURNING 1),
         holders_out AS (
           DELETE FROM kpi_key_holder h USING jsonb_to_recordset($4::jsonb) AS d(key text, source text, id text)
            WHERE h.evaluation_id = $1 AND h.key = d.key AND h.source = d.source AND h.id = d.id
           RETURNING 1),
         holders_in AS (
           INSERT INTO kpi_key_holder (evaluation_id, key, time, source, id, month, network, region)
           SELECT $1, r.key, r.time, r.source, r.id, r.month, r.network, r.region
             FROM jsonb_to_recordset($5::jsonb) AS r(key text, time timestamptz, source text, id text, month int, network text, region text)
           RETURNING 1),
         holders_moved AS (
           UPDATE kpi_key_holder h SET month = r.month, network = r.network, region = r.region
             FROM jsonb_to_recordset($9::jsonb) AS r(key text, time timestamptz, source text, id text, month int, network text, region text)
            WHERE h.evaluation_id = $1 AND h.key = r.key AND h.time = r.time AND h.source = r.source AND h.id = r.id
           RETURNING 1),
         makers_set AS (
           INSERT INTO kpi_key (evaluation_id, key, maker_source, maker_id, maker_time, maker_month, maker_network, maker_region)
           SELECT $1, r.key, r.source, r.id, r.time, r.month, r.network, r.region
             FROM jsonb_to_recordset($6::jsonb) AS r(key text, time timestamptz, source text, id text, month int, network text, region text)
           ON CONFLICT (evaluation_id, key) DO UPDATE SET maker_source = EXCLUDED.maker_source, maker_id = EXCLUDED.maker_id, maker_time = EXCLUDED.maker_time,
             maker_month = EXCLUDED.maker_month, maker_network = EXCLUDED.maker_network, maker_region = EXCLUDED.maker_region
           RETURNING 1),
         makers_gone AS (
           DELETE FROM kpi_key WHERE evaluation_id = $1 AND key = ANY($7::text[]) RETURNING 1),
         figures AS (
           INSERT INTO kpi_figure (evaluation_id, dimension, key, value)
           SELECT $1, r.dimension, r.key, r.delta FROM jsonb_to_recordset($8::jsonb) AS r(dimension text, key text, delta int)
           ON CONFLICT (evaluation_id, dimension, key) DO UPDATE SET value = kpi_figure.value + EXCLUDED.value, version = kpi_figure.version + 1, updated_at = now()
           RETURNING 1)
       SELECT (SELECT count(*) FROM deltas) AS deltas_applied,
              (SELECT count(*) FROM facts) + (SELECT count(*) FROM holders_out) + (SELECT count(*) FROM holders_in) + (SELECT count(*) FROM holders_moved)
            + (SELECT count(*) FROM makers_set) + (SELECT count(*) FROM makers_gone) + (SELECT count(*) FROM figures) AS written`,
      this.evaluationId,
      JSON.stringify(facts),
      JSON.stringify(deltas),
      JSON.stringify(holderDeletes),
      JSON.stringify(holderInserts),
      JSON.stringify(makersSet),
      makersGone,
      JSON.stringify(figures),
      JSON.stringify(holderMoves),
    );
    // A delta for a fact that is not stored would silently lose a unit: never expected, so fail loudly (the batch retries, then dead-letters).
    const applied = Number(result[0]?.deltas_applied ?? 0);
    if (applied !== deltas.length) throw new Error(`evaluation ${this.evaluationId}: ${deltas.length} contribution deltas, ${applied} facts found`);
  }
}

function holderJson(h: Holder) {
  return { source: h.source, id: h.id, time: h.time.toISOString(), month: h.dims.month, network: h.dims.network, region: h.dims.region };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
