/**
 * The database side's ceiling: plain `pg` inserting the platform's event rows
 * as fast as PostgreSQL takes them, nothing else — rows shaped like the KPI
 * archive's (two text keys, a timestamp, a jsonb body of the same ~700-byte
 * envelopes), 500 rows per statement through `unnest`, one transaction per
 * statement, on `connections` connections at once, in a scratch database on
 * the stack's PostgreSQL. The platform writes more per event (inbox, outbox,
 * facts, audit); this is what the disk and the server allow at best.
 */
import { Client } from 'pg';
import type { PrivateStack } from '../src/stack';
import { activityHeld, RUN_TAG } from './events';
import { median } from './stats';

const ROWS_PER_STATEMENT = 500;

export interface RawPgResult {
  readonly rowsPerSecond: number[];
  readonly connections: number;
  readonly rowBytes: number;
}

export async function measureRawPg(stack: PrivateStack, options: { rounds: number; rows: number; connections: number }, log: (line: string) => void): Promise<RawPgResult> {
  const database = `bench_raw_${RUN_TAG}`.replace(/[^a-z0-9_]/g, '_');
  const admin = new Client({ connectionString: stack.postgres.url('postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const events = Array.from({ length: options.rows }, (_, i) => activityHeld('partner/hebei-center', 2024, 'rawpg', i));
  const rowBytes = Buffer.byteLength(JSON.stringify(events[0]));
  const clients: Client[] = [];
  try {
    for (let i = 0; i < options.connections; i++) {
      const c = new Client({ connectionString: stack.postgres.url(database) });
      await c.connect();
      clients.push(c);
    }
    const rates: number[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const table = `archive_r${round}`;
      await clients[0]!.query(`CREATE TABLE ${table} (source text NOT NULL, id text NOT NULL, type text NOT NULL, time timestamptz NOT NULL, data jsonb NOT NULL, PRIMARY KEY (source, id))`);
      const chunks: (typeof events)[] = [];
      for (let i = 0; i < events.length; i += ROWS_PER_STATEMENT) chunks.push(events.slice(i, i + ROWS_PER_STATEMENT));
      let next = 0;
      const started = performance.now();
      await Promise.all(
        clients.map(async (c) => {
          for (let k = next++; k < chunks.length; k = next++) {
            const chunk = chunks[k]!;
            await c.query(`INSERT INTO ${table} (source, id, type, time, data) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[])`, [
              chunk.map((e) => e.source),
              chunk.map((e) => e.id),
              chunk.map((e) => e.type),
              chunk.map((e) => e.time),
              chunk.map((e) => JSON.stringify(e)),
            ]);
          }
        }),
      );
      const rate = events.length / ((performance.now() - started) / 1000);
      rates.push(rate);
      log(`raw pg round ${round}/${options.rounds}: ${rate.toFixed(0)} rows/s (${events.length} rows, ${ROWS_PER_STATEMENT} per statement, ${options.connections} connections)`);
    }
    log(`raw pg: median ${median(rates).toFixed(0)} rows/s`);
    return { rowsPerSecond: rates, connections: options.connections, rowBytes };
  } finally {
    for (const c of clients) await c.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}
