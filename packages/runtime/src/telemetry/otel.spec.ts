import { traceExportersFrom } from './otel';

describe('traceExportersFrom (OTEL_TRACES_EXPORTER)', () => {
  it('without the variable: OTLP only when an OTLP endpoint is set, else nothing to export', () => {
    expect(traceExportersFrom({})).toEqual([]);
    expect(traceExportersFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toEqual(['otlp']);
    expect(traceExportersFrom({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' })).toEqual(['otlp']);
  });

  it('reads a comma-separated list, case- and space-insensitive, without repeats; none exports nothing', () => {
    expect(traceExportersFrom({ OTEL_TRACES_EXPORTER: ' OTLP , zipkin,otlp' })).toEqual(['otlp', 'zipkin']);
    expect(traceExportersFrom({ OTEL_TRACES_EXPORTER: 'zipkin', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x' })).toEqual(['zipkin']);
    expect(traceExportersFrom({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x' })).toEqual([]);
  });

  it('refuses an unknown exporter, naming the variable, the value and what is allowed', () => {
    expect(() => traceExportersFrom({ OTEL_TRACES_EXPORTER: 'otlp,jaeger' })).toThrow('OTEL_TRACES_EXPORTER: unknown exporter "jaeger"; allowed: otlp, zipkin, none');
  });
});
