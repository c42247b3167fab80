/**
 * Where the running platform is: the ports and databases of
 * infra/services.conf, as infra/env.sh maps them into an instance. The
 * end-to-end suites address the instance they are run in (TJC_INSTANCE:
 * unset = the user's, from ./platform up; `test` = the test suite's copy,
 * from ./platform test, on other ports and databases).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface ServiceAddress {
  readonly name: string;
  readonly port: number;
  readonly database: string;
  readonly url: string;
}

export interface Instance {
  /** '' for the user's platform, 'test' for the test suite's. */
  readonly name: string;
  /** Added to every port of infra/services.conf (infra/env.sh: instance_port). */
  readonly portOffset: number;
  /** Prefix of every Kafka topic and consumer group ('' = the names of the contracts). */
  readonly topicNamespace: string;
}

export function currentInstance(env: NodeJS.ProcessEnv = process.env): Instance {
  const name = env['TJC_INSTANCE'] ?? '';
  if (name !== '' && name !== 'test') throw new Error(`TJC_INSTANCE must be unset or 'test', not '${name}'`);
  return { name, portOffset: name === 'test' ? 1000 : 0, topicNamespace: env['KAFKA_TOPIC_NAMESPACE'] ?? (name === 'test' ? 'tjc-test' : '') };
}

/** A service's database in an instance (infra/env.sh: instance_db): tjc_research → tjc_test_research. */
export function instanceDatabase(database: string, instance: Instance): string {
  return instance.name ? database.replace(/^tjc_/, `tjc_${instance.name}_`) : database;
}

export function platformServices(root = path.join(__dirname, '..', '..'), instance: Instance = currentInstance()): ServiceAddress[] {
  return readFileSync(path.join(root, 'infra', 'services.conf'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [name, port, database] = line.split(/\s+/);
      const p = Number(port) + instance.portOffset;
      return { name: name!, port: p, database: instanceDatabase(database!, instance), url: `http://127.0.0.1:${p}` };
    });
}

/** The URL of a service's database in the running instance (the machine's PostgreSQL, as infra/env.sh names it). */
export function platformDatabaseUrl(service: string, env: NodeJS.ProcessEnv = process.env): string {
  const s = platformServices().find((x) => x.name === service);
  if (!s) throw new Error(`no service ${service} in infra/services.conf`);
  return `postgresql://${env['PGUSER'] ?? 'postgres'}@${env['PGHOST'] ?? '127.0.0.1'}:${env['PGPORT'] ?? '5432'}/${s.database}`;
}
