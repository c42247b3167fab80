import { readFile } from 'node:fs/promises';

import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm' with { 'resolution-mode': 'import' };

import type { LoadedSchema } from './schema-files';
import { OfflinePgAdapterFactory } from './pg-adapter';

export type { SchemaEngine };

/** A line the engine logs, e.g. {"level":"INFO","fields":{"message":"Applying `x`"}}. */
export interface EngineLogLine {
  level?: string;
  fields?: { message?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** The slice of the WebAssembly global used here (the repo's lib settings have no DOM types). */
interface WasmApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const { WebAssembly: wasmApi } = globalThis as unknown as { WebAssembly: WasmApi };

let engineModule: Promise<typeof import('@prisma/schema-engine-wasm/schema_engine_bg')> | undefined;

/**
 * Loads Prisma's schema engine compiled to WebAssembly. The package's entry
 * imports its .wasm file as an ES module, which plain Node (experimental) and
 * Jest's module loader (not at all) handle badly; instantiating the bytes
 * ourselves against the package's JS glue works everywhere.
 */
function loadEngineModule(): Promise<typeof import('@prisma/schema-engine-wasm/schema_engine_bg')> {
  engineModule ??= (async () => {
    const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
    const { instance } = await wasmApi.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': withUnrefTimers(glue),
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports['__wbindgen_start'] as () => void)();
    return glue;
  })();
  return engineModule;
}

/**
 * The engine arms 10 s guard timers (e.g. around the migration lock) and does
 * not always clear them, which keeps a finished CLI or Jest worker alive for
 * 10 s. Guards must never keep the process alive by themselves: unref them.
 */
function withUnrefTimers(glue: object): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...glue };
  for (const [key, value] of Object.entries(imports)) {
    if (key.startsWith('__wbg_setTimeout_') && typeof value === 'function') {
      imports[key] = (...args: unknown[]) => {
        const timer: unknown = (value as (...a: unknown[]) => unknown)(...args);
        if (typeof timer === 'object' && timer !== null && 'unref' in timer && typeof timer.unref === 'function') {
          timer.unref();
        }
        return timer;
      };
    }
  }
  return imports;
}

export interface OpenEngineOptions {
  schema: LoadedSchema;
  /** The database the engine works on; shadow databases are made on its server. */
  databaseUrl: string;
  onLog?: (line: EngineLogLine) => void;
}

export interface OpenEngine {
  engine: SchemaEngine;
  /** Runs one engine command, turning its errors into readable ones. */
  run<T>(command: string, fn: (engine: SchemaEngine) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openSchemaEngine({ schema, databaseUrl, onLog }: OpenEngineOptions): Promise<OpenEngine> {
  const { SchemaEngine: Engine } = await loadEngineModule();
  const factory = new OfflinePgAdapterFactory(databaseUrl);
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const log = (raw: unknown) => {
    if (onLog === undefined) return;
    try {
      onLog(JSON.parse(String(raw)) as EngineLogLine);
    } catch {
      onLog({ fields: { message: String(raw) } });
    }
  };
  const engine = await Engine.new(
    { datamodels: schema.files.map((file): [string, string] => [file.path, file.content]) },
    log,
    adapter,
  );
  return {
    engine,
    async run(command, fn) {
      try {
        return await fn(engine);
      } catch (error) {
        throw toEngineError(command, error);
      }
    },
    async close() {
      engine.free();
      await factory.disposeAll();
    },
  };
}

export class SchemaEngineError extends Error {
  override readonly name = 'SchemaEngineError';
  constructor(
    message: string,
    readonly code: string | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

function toEngineError(command: string, error: unknown): SchemaEngineError {
  // By shape, not instanceof: errors may come from another realm (Jest's vm).
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') {
    // Drop the engine's Rust span trace ("   0: schema_engine_wasm::...") from the message.
    const message = error.message.split(/\n\s+0: /)[0]?.trim() ?? error.message;
    const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    return new SchemaEngineError(`${command} failed: ${message}`, code, { cause: error });
  }
  return new SchemaEngineError(`${command} failed: ${JSON.stringify(error)}`, undefined, { cause: error });
}

export const NO_FILTER = { externalTables: [], externalEnums: [] };
