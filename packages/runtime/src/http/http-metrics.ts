import type { RuntimeMetrics } from '../telemetry/metrics';

/** The methods OpenTelemetry names; anything else is `_OTHER` (semantic conventions), so a client cannot mint labels. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

export function httpMetricLabels(method: string, route: string | undefined, status: number) {
  const m = method.toUpperCase();
  return {
    http_request_method: KNOWN_METHODS.has(m) ? m : '_OTHER',
    // Fastify's route template; a request no route matched (404s, probes) must not put its path in a label.
    http_route: route ?? 'unmatched',
    http_response_status_code: String(status),
  };
}

/** The part of Fastify's instance this needs (the runtime does not depend on Fastify's types). */
interface HookableServer {
  addHook(
    name: 'onResponse',
    hook: (request: { method: string; routeOptions: { url?: string | undefined } }, reply: { statusCode: number; elapsedTime: number }) => Promise<void>,
  ): unknown;
}

/** Records every answered request, refusals and errors included (onResponse runs after the reply is sent). */
export function installHttpMetrics(fastify: HookableServer, metrics: RuntimeMetrics): void {
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.httpServerDuration.observe(httpMetricLabels(request.method, request.routeOptions.url, reply.statusCode), reply.elapsedTime / 1000);
  });
}
