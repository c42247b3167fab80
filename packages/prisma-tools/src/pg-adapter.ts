import { AsyncLocalStorage } from 'node:async_hooks';

import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';

import { createDatabaseIfMissing, dropDatabase } from './database';
import { schemaNameOf, toDriverUrl, uniqueDatabaseName, withDatabase } from './database-url';

/*
 * A driver adapter for the WebAssembly schema engine: @prisma/adapter-pg with
 * three fixes the engine needs and the stock adapter (7.10) lacks.
 *
 * 1. PostgreSQL's one-byte `"char"` type (oid 18): the engine reads catalog
 *    columns such as pg_constraint.contype and confdeltype as `Character`,
 *    but adapter-pg has no mapping for oid 18 and fails the query with
 *    "Unsupported column type char" (and as Text the engine then fails with
 *    "Column type 'char' could not be deserialized from the database").
 *    We relabel such fields as text before adapter-pg sees them, remember
 *    their positions, and report them to the engine as Character.
 * 2. executeScript: adapter-pg splits scripts on every ';' and runs the parts
 *    one by one, which breaks on semicolons inside strings or $$-bodies and
 *    loses atomicity. We send the whole script as one simple-protocol query,
 *    as Prisma's native engine does, so PostgreSQL runs it as one implicit
 *    transaction: a failing migration leaves nothing half-applied.
 * 3. connectToShadowDb: adapter-pg builds the shadow pool as
 *    { connectionString, database }, and node-postgres lets the connection
 *    string's database win, so the "shadow" database is the real one. We
 *    create a uniquely named database and connect to it by URL.
 */

/** PostgreSQL type oids (pg_type.oid). */
const PG_CHAR = 18;
const PG_TEXT = 25;

/** Positions of `"char"` columns in the result the current queryRaw is reading. */
const charColumns = new AsyncLocalStorage<number[]>();

interface FieldsCarrier {
  fields?: { dataTypeID: number }[];
}

function relabelCharFields<R>(result: R, sink: number[] | undefined): R {
  const fields = (result as FieldsCarrier | undefined)?.fields ?? [];
  fields.forEach((field, index) => {
    if (field.dataTypeID === PG_CHAR) {
      field.dataTypeID = PG_TEXT;
      sink?.push(index);
    }
  });
  return result;
}

/**
 * pg.Client whose results never carry oid 18. The sink is captured when the
 * query is issued: pg completes queries from socket callbacks, outside the
 * async context of the caller.
 */
class CharAsTextClient extends pg.Client {
  // pg.Client.query has a dozen overloads; this forwards all of them unchanged.
  override query(...args: unknown[]): never {
    const sink = charColumns.getStore();
    const callbackAt = args.findIndex((arg) => typeof arg === 'function');
    if (callbackAt >= 0) {
      const callback = args[callbackAt] as (error: Error | null, result: unknown) => void;
      args[callbackAt] = (error: Error | null, result: unknown) =>
        callback(error, error ? result : relabelCharFields(result, sink));
    }
    const returned = (super.query as (...a: unknown[]) => unknown)(...args);
    if (callbackAt < 0 && returned instanceof Promise) {
      return returned.then((result: unknown) => relabelCharFields(result, sink)) as never;
    }
    return returned as never;
  }
}

async function queryRawWithCharColumns(
  queryRaw: (query: SqlQuery) => Promise<SqlResultSet>,
  query: SqlQuery,
): Promise<SqlResultSet> {
  const positions: number[] = [];
  const result = await charColumns.run(positions, () => queryRaw(query));
  for (const index of positions) result.columnTypes[index] = ColumnTypeEnum.Character;
  return result;
}

function toDriverAdapterError(error: unknown): unknown {
  if (error instanceof pg.DatabaseError) {
    return new DriverAdapterError({
      kind: 'postgres',
      code: error.code ?? 'N/A',
      severity: error.severity ?? 'N/A',
      message: error.message,
      detail: error.detail,
      column: error.column,
      hint: error.hint,
    });
  }
  return error;
}

class CatalogSafeTransaction implements Transaction {
  readonly provider;
  readonly adapterName;
  readonly options;

  constructor(private readonly inner: Transaction) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    this.options = inner.options;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return queryRawWithCharColumns((q) => this.inner.queryRaw(q), query);
  }
  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }
  commit(): Promise<void> {
    return this.inner.commit();
  }
  rollback(): Promise<void> {
    return this.inner.rollback();
  }
}

class CatalogSafeAdapter implements SqlDriverAdapter {
  readonly provider;
  readonly adapterName;

  constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly pool: pg.Pool,
    private readonly afterDispose: () => Promise<void> = async () => {},
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return queryRawWithCharColumns((q) => this.inner.queryRaw(q), query);
  }
  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }
  async executeScript(script: string): Promise<void> {
    try {
      await this.pool.query(script);
    } catch (error) {
      throw toDriverAdapterError(error);
    }
  }
  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    return new CatalogSafeTransaction(await this.inner.startTransaction(isolationLevel));
  }
  getConnectionInfo() {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: true };
  }
  async dispose(): Promise<void> {
    try {
      await this.inner.dispose();
    } finally {
      await this.afterDispose();
    }
  }
}

async function connectCatalogSafe(databaseUrl: string, afterDispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
  const pool = new pg.Pool({ connectionString: toDriverUrl(databaseUrl), Client: CharAsTextClient, max: 4 });
  const schema = schemaNameOf(databaseUrl);
  const inner = await new PrismaPg(pool, { disposeExternalPool: true, ...(schema === undefined ? {} : { schema }) }).connect();
  return new CatalogSafeAdapter(inner, pool, afterDispose);
}

/** The migration-aware adapter factory the WebAssembly schema engine drives. */
export class OfflinePgAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres' as const;
  readonly adapterName = '@prisma/adapter-pg';

  /** Adapters the engine has not disposed yet: it never disposes its main connection. */
  private readonly open = new Set<SqlDriverAdapter>();

  constructor(private readonly databaseUrl: string) {}

  connect(): Promise<SqlDriverAdapter> {
    return this.track(connectCatalogSafe(this.databaseUrl));
  }

  /** A throw-away database on the same server, dropped when the engine lets go of it. */
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadowUrl = withDatabase(this.databaseUrl, uniqueDatabaseName('prisma_shadow'));
    await createDatabaseIfMissing(shadowUrl);
    return this.track(connectCatalogSafe(shadowUrl, () => dropDatabase(shadowUrl)));
  }

  /** Closes every pool still open (and drops any shadow database left behind). */
  async disposeAll(): Promise<void> {
    const adapters = [...this.open];
    this.open.clear();
    await Promise.all(adapters.map((adapter) => adapter.dispose()));
  }

  private async track(connecting: Promise<SqlDriverAdapter>): Promise<SqlDriverAdapter> {
    const adapter = await connecting;
    this.open.add(adapter);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      this.open.delete(adapter);
      await dispose();
    };
    return adapter;
  }
}
