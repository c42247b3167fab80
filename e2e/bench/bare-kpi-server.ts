/**
 * The KPI API's cached read without the service around it: a bare Fastify
 * route, in its own process (as the KPI service is in its own), doing
 * exactly what services/kpi/src/kpi/kpi-cache.service.ts does on a cache hit:
 *
 *   GET <prefix>:kpi:cache-gen:<year>            (→ generation, '0' when absent)
 *   HGET <prefix>:kpi:cache:<year>:<gen> year-view  (→ the JSON answer, stored serialised)
 *
 * and replies that string with the service's content-type. The service
 * serialises nothing on a hit either (the cached value is the JSON), so this
 * is the same work; what the bare route does NOT do is what the comparison
 * measures: NestJS routing and interceptors, JWT verification of the bearer
 * token, zod validation of the path and query, the x-cache header.
 *
 * Same ioredis client options as the service. Run by kpi-api.ts:
 *   BARE_PORT=… BARE_REDIS_URL=… BARE_REDIS_PREFIX=tjc-kpi node -r @swc-node/register bench/bare-kpi-server.ts
 */
import Fastify from 'fastify';
import { Redis } from 'ioredis';

const port = Number(process.env['BARE_PORT']);
const redisUrl = process.env['BARE_REDIS_URL'];
const prefix = `${process.env['BARE_REDIS_PREFIX'] ?? 'tjc-kpi'}:kpi`;
if (!Number.isInteger(port) || !redisUrl) throw new Error('BARE_PORT and BARE_REDIS_URL are required');

const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: false, connectionName: 'bench-bare-kpi' });
const app = Fastify({ logger: false });

app.get<{ Params: { year: string } }>('/kpi/:year', async (request, reply) => {
  const year = Number(request.params.year);
  const gen = (await redis.get(`${prefix}:cache-gen:${year}`)) ?? '0';
  const json = await redis.hget(`${prefix}:cache:${year}:${gen}`, 'year-view');
  if (json === null) return reply.code(404).send({ message: 'not cached' });
  return reply.header('content-type', 'application/json; charset=utf-8').send(json);
});

app.listen({ port, host: '127.0.0.1' }).then(
  () => process.stdout.write(`bare KPI route listening on ${port}\n`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
const stop = () => void app.close().then(() => redis.disconnect()).finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
