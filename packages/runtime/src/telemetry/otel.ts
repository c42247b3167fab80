/**
 * OpenTelemetry set-up, once per process. Import this module FIRST in a
 * service's main.ts, before NestJS, pg or http are loaded: instrumentations
 * patch those modules as they load.
 *
 * Configured by the standard variables: OTEL_SERVICE_NAME,
 * OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
 * OTEL_TRACES_SAMPLER, OTEL_SDK_DISABLED=true to switch tracing off.
 */
import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PrismaInstrumentation } from '@prisma/instrumentation';

let sdk: NodeSDK | undefined;

export function startTelemetry(serviceName: string): void {
  if (sdk || process.env['OTEL_SDK_DISABLED'] === 'true') return;
  const exporting = Boolean(process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] ?? process.env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']);
  sdk = new NodeSDK({
    serviceName: process.env['OTEL_SERVICE_NAME'] ?? serviceName,
    // Without an endpoint we still create spans (trace ids in logs and in
    // Kafka headers) but export nothing, instead of retrying a dead collector.
    ...(exporting ? { traceExporter: new OTLPTraceExporter() } : { spanProcessors: [] }),
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
