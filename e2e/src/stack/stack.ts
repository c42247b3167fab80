/**
 * A private copy of the whole platform for the fault suite and the
 * benchmark: its own PostgreSQL cluster, Redis server and Kafka broker (so
 * those can be stopped, killed and restarted for real), the databases
 * migrated with the project's own tjc-prisma, and every service of
 * infra/services.conf as a process on its own port. Nothing it does touches
 * the shared instances that ./platform and the other suites use.
 *
 *   const stack = await startPrivateStack({ name: 'faults', portBase: 23100 });
 *   await stack.services['kpi'].kill('SIGKILL'); await stack.services['kpi'].start();
 *   await stack.postgres.stop(); await stack.postgres.start();
 *   await stack.stop();
 *
 * Ports (portBase + n): services +1…+6 in services.conf order, Kafka +992
 * (controller +993), PostgreSQL +332, Redis +279 — e.g. 23101…, 24092, 23432, 23379.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { platformServices, type ServiceAddress } from '../platform';
import { PrivateKafka } from './kafka';
import { PrivatePostgres } from './postgres';
import { run } from './processes';
import { PrivateRedis } from './redis';
import { ServiceProcess } from './service-process';

export interface PrivateStackOptions {
  /** Names the scratch folder (os.tmpdir()/tjc-stack-<name>). */
  readonly name: string;
  readonly portBase: number;
  /** A subset of the services (default: all of infra/services.conf). */
  readonly services?: readonly string[];
  /** Extra environment for every service (e.g. OTEL_SDK_DISABLED=true). */
  readonly serviceEnv?: Readonly<Record<string, string>>;
  /** Progress lines (default: stderr). */
  readonly log?: (line: string) => void;
}

export interface StackSecrets {
  readonly authIssuer: string;
  readonly authAudience: string;
  readonly authDevSecret: string;
  /** Standard Webhooks secrets per partner, as the gateway reads them from PARTNER_SECRETS. */
  readonly partnerSecrets: Readonly<Record<string, readonly string[]>>;
}

export class PrivateStack {
  constructor(
    readonly root: string,
    readonly dir: string,
    readonly postgres: PrivatePostgres,
    readonly redis: PrivateRedis,
    readonly kafka: PrivateKafka,
    readonly services: Readonly<Record<string, ServiceProcess>>,
    readonly addresses: readonly ServiceAddress[],
    readonly secrets: StackSecrets,
  ) {}

  service(name: string): ServiceProcess {
    const s = this.services[name];
    if (!s) throw new Error(`no service ${name} in this stack (${Object.keys(this.services).join(', ')})`);
    return s;
  }

  /** The database URL of a service in the private cluster. */
  databaseUrl(name: string): string {
    const a = this.addresses.find((s) => s.name === name);
    if (!a) throw new Error(`no service ${name}`);
    return this.postgres.url(a.database);
  }

  /** Starts every service that is not running, in parallel, and waits until all are ready. */
  async startServices(): Promise<void> {
    await Promise.all(Object.values(this.services).map((s) => s.start()));
  }

  async stopServices(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await Promise.all(Object.values(this.services).map((s) => s.kill(signal)));
  }

  /** Stops everything; `destroy` also deletes the scratch data (the default). */
  async stop({ destroy = true } = {}): Promise<void> {
    await this.stopServices('SIGTERM');
    if (destroy) {
      await Promise.allSettled([this.kafka.destroy(), this.postgres.destroy(), this.redis.destroy()]);
    } else {
      await Promise.allSettled([this.kafka.stop(), this.postgres.stop(), this.redis.destroy()]);
    }
  }
}

const repoRoot = () => path.join(__dirname, '..', '..', '..');

function generatedSecrets(partners: readonly string[]): StackSecrets {
  const whsec = () => `whsec_${randomBytes(32).toString('base64')}`;
  return {
    authIssuer: 'tjc-dev-issuer',
    authAudience: 'tjc-platform',
    authDevSecret: randomBytes(36).toString('base64url'),
    partnerSecrets: Object.fromEntries(partners.map((p) => [p, [whsec()]])),
  };
}

/** Per-window limits no run can reach (about 16,000 requests a second per service, class and key). */
export const OUT_OF_REACH_RATE_LIMITS: Readonly<Record<string, string>> = {
  RATE_LIMIT_READ_PER_PRINCIPAL: '1000000',
  RATE_LIMIT_READ_PER_IP: '1000000',
  RATE_LIMIT_WRITE_PER_PRINCIPAL: '1000000',
  RATE_LIMIT_WRITE_PER_IP: '1000000',
  RATE_LIMIT_EXPORT_PER_PRINCIPAL: '1000000',
  RATE_LIMIT_EXPORT_PER_IP: '1000000',
  RATE_LIMIT_ANONYMOUS_PER_IP: '1000000',
};

/** Starts the private infrastructure, migrates every service's database and starts the services. */
export async function startPrivateStack(options: PrivateStackOptions): Promise<PrivateStack> {
  const log = options.log ?? ((line: string) => process.stderr.write(`[stack ${options.name}] ${line}\n`));
  const root = repoRoot();
  const dir = path.join(os.tmpdir(), `tjc-stack-${options.name}`);
  mkdirSync(dir, { recursive: true });
  const base = options.portBase;
  const postgres = new PrivatePostgres(path.join(dir, 'pg'), base + 332);
  const redis = new PrivateRedis(path.join(dir, 'redis'), base + 279);
  const kafka = new PrivateKafka(root, path.join(dir, 'kafka'), base + 992);

  const t0 = Date.now();
  log(`starting PostgreSQL :${postgres.port}, Redis :${redis.port}, Kafka :${kafka.port} in ${dir}`);
  await Promise.all([postgres.start(), redis.start(), kafka.start()]);
  log(`infrastructure up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const wanted = options.services ? new Set(options.services) : undefined;
  // The databases keep infra/services.conf's names inside the private cluster, whatever instance the caller runs in.
  const addresses = platformServices(root, { name: '', portOffset: 0, topicNamespace: '' })
    .filter((s) => !wanted || wanted.has(s.name))
    .map((s, i) => ({ ...s, port: base + 1 + i, url: `http://127.0.0.1:${base + 1 + i}` }));

  // Migrations one after another: each tjc-prisma run loads the WASM engine, and two cores do not gain from parallel runs.
  const tjcPrisma = path.join(root, 'packages', 'prisma-tools', 'bin', 'tjc-prisma.cjs');
  for (const a of addresses) {
    await run(process.execPath, [tjcPrisma, 'deploy', '--schema', 'prisma/schema', '--url', postgres.url(a.database)], { cwd: path.join(root, 'services', a.name) });
  }
  log(`${addresses.length} databases migrated`);

  const secrets = generatedSecrets(['beijing-hq', 'hebei-center', 'xiongan-center']);
  // A clean environment: nothing of the caller's shell (e.g. the shared stack's URLs) leaks in.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    NODE_ENV: 'development',
    LOG_LEVEL: process.env['STACK_LOG_LEVEL'] ?? 'warn',
    KAFKA_BROKERS: kafka.brokers,
    REDIS_URL: redis.url,
    AUTH_DEV_ISSUER: secrets.authIssuer,
    AUTH_AUDIENCE: secrets.authAudience,
    AUTH_DEV_SECRET: secrets.authDevSecret,
    PARTNER_SECRETS: JSON.stringify(secrets.partnerSecrets),
    AUDIT_CHECKPOINT_KEY: randomBytes(36).toString('base64url'),
    OTEL_SDK_DISABLED: 'true',
    // The people APIs' rate limits (packages/rate-limit) out of reach, not off: the limiter still
    // runs on every request, as deployed, but a fault or a benchmark load from one address
    // (everything here comes from 127.0.0.1) is never throttled by it.
    ...OUT_OF_REACH_RATE_LIMITS,
    ...options.serviceEnv,
  };
  const services: Record<string, ServiceProcess> = {};
  for (const a of addresses) {
    services[a.name] = new ServiceProcess(a.name, a.port, root, { ...env, DATABASE_URL: postgres.url(a.database) }, path.join(dir, `${a.name}.log`));
  }
  const stack = new PrivateStack(root, dir, postgres, redis, kafka, services, addresses, secrets);
  try {
    await stack.startServices();
  } catch (error) {
    await stack.stop();
    throw error;
  }
  log(`${addresses.length} services ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (logs in ${dir})`);
  return stack;
}
