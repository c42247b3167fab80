/**
 * Real infrastructure for integration tests.
 *
 * TJC_TEST_INFRA=auto (default): testcontainers when a Docker engine answers,
 * otherwise the local stack that `./platform up` / `./platform test` start
 * (Kafka from Maven jars on 127.0.0.1:9092, the machine's PostgreSQL and
 * Redis). `containers` or `local` force one. Either way the tests talk to a
 * real broker, a real PostgreSQL and a real Redis; nothing is mocked.
 */
export interface TestInfra {
  readonly kind: 'containers' | 'local';
  readonly kafkaBrokers: string[];
  /** A superuser URL on the `postgres` database, used to create per-test databases. */
  readonly postgresAdminUrl: string;
  readonly redisUrl: string;
}

let infra: Promise<TestInfra> | undefined;

async function dockerAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

async function fromContainers(): Promise<TestInfra> {
  const [{ KafkaContainer }, { PostgreSqlContainer }, { RedisContainer }] = await Promise.all([
    import('@testcontainers/kafka'),
    import('@testcontainers/postgresql'),
    import('@testcontainers/redis'),
  ]);
  const [kafka, pg, redis] = await Promise.all([
    new KafkaContainer('apache/kafka:4.1.0').withKraft().withEnvironment({ KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false' }).start(),
    new PostgreSqlContainer('postgres:15').withUsername('postgres').withPassword('postgres').start(),
    new RedisContainer('redis:7').withCommand(['redis-server', '--maxmemory-policy', 'noeviction']).start(),
  ]);
  return {
    kind: 'containers',
    kafkaBrokers: [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`],
    postgresAdminUrl: `postgresql://postgres:postgres@${pg.getHost()}:${pg.getPort()}/postgres`,
    redisUrl: `redis://${redis.getHost()}:${redis.getPort()}`,
  };
}

function fromLocalStack(): TestInfra {
  return {
    kind: 'local',
    kafkaBrokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',').map((s) => s.trim()),
    postgresAdminUrl: process.env['POSTGRES_ADMIN_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    redisUrl: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  };
}

export function testInfra(): Promise<TestInfra> {
  infra ??= (async () => {
    const mode = process.env['TJC_TEST_INFRA'] ?? 'auto';
    if (mode === 'local') return fromLocalStack();
    if (mode === 'containers' || (await dockerAnswers())) return fromContainers();
    return fromLocalStack();
  })();
  return infra;
}
