/**
 * OpenTelemetry set-up, once per process. Import this module FIRST in a
 * service's main.ts, before NestJS, pg or http are loaded: instrumentations
 * patch those modules as they load.
 *
 * Configured by the standard variables: OTEL_SERVICE_NAME,
 * OTEL_TRACES_EXPORTER (`otlp`, `zipkin`, `none`, comma-separated),
 * OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
 * OTEL_EXPORTER_ZIPKIN_ENDPOINT, OTEL_TRACES_SAMPLER, OTEL_SDK_DISABLED=true
 * to switch tracing off. The local stack exports to both an OTLP collector
 * (compose, production, the e2e receiver) and Zipkin (its trace UI, started by
 * ./platform; ADR 0019).
 */
import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PrismaInstrumentation } from '@prisma/instrumentation';

let sdk: NodeSDK | undefined;

const EXPORTERS = ['otlp', 'zipkin', 'none'] as const;
type ExporterName = (typeof EXPORTERS)[number];

/**
 * The span exporters OTEL_TRACES_EXPORTER names. Without it, OTLP when an
 * OTLP endpoint is set, else none: spans are still created (trace ids in logs
 * and in Kafka headers) but nothing is exported to a collector that is not
 * there. We build the exporters ourselves instead of letting the SDK read the
 * variable: its `otlp` defaults to protobuf, ours is the JSON exporter the
 * e2e receiver and every collector accept.
 */
export function traceExportersFrom(env: NodeJS.ProcessEnv): ExporterName[] {
  const raw = env['OTEL_TRACES_EXPORTER']?.trim();
  if (!raw) return env['OTEL_EXPORTER_OTLP_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] ? ['otlp'] : [];
  const names = [...new Set(raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))];
  const unknown = names.filter((n) => !(EXPORTERS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new Error(`OTEL_TRACES_EXPORTER: unknown exporter ${unknown.map((u) => JSON.stringify(u)).join(', ')}; allowed: ${EXPORTERS.join(', ')}`);
  return (names as ExporterName[]).filter((n) => n !== 'none');
}

function exporter(name: Exclude<ExporterName, 'none'>): SpanExporter {
  return name === 'otlp' ? new OTLPTraceExporter() : new ZipkinExporter();
}

/** The batch processor's standard OTEL_BSP_* settings (the SDK reads them only for exporters it builds itself). */
function batchSettings(env: NodeJS.ProcessEnv) {
  const read = (name: string) => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name}: must be a non-negative number of ${name.endsWith('SIZE') ? 'spans' : 'milliseconds'}, got ${JSON.stringify(raw)}`);
    return n;
  };
  const settings = {
    maxQueueSize: read('OTEL_BSP_MAX_QUEUE_SIZE'),
    scheduledDelayMillis: read('OTEL_BSP_SCHEDULE_DELAY'),
    exportTimeoutMillis: read('OTEL_BSP_EXPORT_TIMEOUT'),
    maxExportBatchSize: read('OTEL_BSP_MAX_EXPORT_BATCH_SIZE'),
  };
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
}

export function startTelemetry(serviceName: string): void {
  if (sdk || process.env['OTEL_SDK_DISABLED'] === 'true') return;
  const exporters = traceExportersFrom(process.env).filter((n): n is Exclude<ExporterName, 'none'> => n !== 'none');
  const batch = batchSettings(process.env);
  sdk = new NodeSDK({
    serviceName: process.env['OTEL_SERVICE_NAME'] ?? serviceName,
    spanProcessors: exporters.map((name) => new BatchSpanProcessor({ ...batch, exporter: exporter(name) })),
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => req.url === '/metrics' || (req.url ?? '').startsWith('/health') }),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
      new PrismaInstrumentation(),
    ],
  });
  sdk.start();
}

export async function stopTelemetry(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}
