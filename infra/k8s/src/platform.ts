/**
 * What the manifests are derived from, read from the repository itself, never copied:
 *   services, ports, databases  infra/services.conf (the table ./platform runs locally)
 *   topics and partitions       contracts/src/topics.ts (TOPICS, deadLetterTopic)
 *   partners                    contracts/src/sources.ts (PARTNER_SOURCES); their ACLs are docs/partners.md §6
 *   database roles              infra/env.sh owner_role/app_role (<db>_owner, <db>_app; ADR 0012)
 *   memory                      sizing.json, written from e2e/results/bench.json by `pnpm k8s:sizing`
 * The consumer groups and the topics each service consumes are the ones its main.ts passes to
 * startService; the test (k8s.spec.ts) reads them back from each service's source.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PARTNER_SOURCES, TOPICS, deadLetterTopic, type TopicKey, type TopicSpec } from '@tjc/contracts';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

export interface PlatformService {
  /** As in infra/services.conf: the Deployment, Service and image name. */
  readonly name: string;
  readonly port: number;
  readonly database: string;
  readonly pkg: string;
  /** Its consumer group and the topics it consumes (its main.ts). */
  readonly consumer: { readonly group: string; readonly topics: readonly TopicKey[] };
  /** Reached from outside the cluster through the ingress (partners post to the gateway). */
  readonly public: boolean;
}

/** The consumers of each service, as each main.ts starts them (checked against the sources by the test). */
export const CONSUMERS: Readonly<Record<string, PlatformService['consumer']>> = {
  'research-network': { group: 'research-network', topics: ['research', 'industry', 'service'] },
  'industry-network': { group: 'industry-network', topics: ['research', 'industry'] },
  'service-network': { group: 'service-network', topics: ['research', 'fund'] },
  'fund-network': { group: 'fund-network', topics: ['service', 'research'] },
  kpi: { group: 'kpi', topics: ['research', 'industry', 'service', 'fund', 'center'] },
  'partner-gateway': { group: 'partner-gateway', topics: ['partnerInbound'] },
};

/** Parses infra/services.conf: `name port database package`, # comments. */
export function readServicesConf(text: string = readFileSync(join(REPO_ROOT, 'infra', 'services.conf'), 'utf8')): PlatformService[] {
  const services: PlatformService[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [name, port, database, pkg, ...rest] = line.split(/\s+/);
    if (!name || !port || !database || !pkg || rest.length || !/^\d+$/.test(port)) {
      throw new Error(`infra/services.conf line ${index + 1}: expected "name port database package", got "${raw}"`);
    }
    const consumer = CONSUMERS[name];
    if (!consumer) throw new Error(`infra/services.conf line ${index + 1}: service "${name}" has no entry in CONSUMERS (infra/k8s/src/platform.ts)`);
    services.push({ name, port: Number(port), database, pkg, consumer, public: name === 'partner-gateway' });
  }
  return services;
}

export const CONSOLE = { name: 'console', port: 3100 } as const;

/** The console's proxy key of a service (./platform console_upstreams): research-network → RESEARCH, partner-gateway → GATEWAY. */
export function upstreamKey(service: string): string {
  return service
    .replace(/-network$/, '')
    .replace('partner-gateway', 'gateway')
    .toUpperCase();
}

/** infra/env.sh owner_role / app_role. */
export const ownerRole = (database: string): string => `${database}_owner`;
export const appRole = (database: string): string => `${database}_app`;

/** Every topic the platform creates: the contracts' catalogue and each consumer group's dead letters. */
export function allTopics(services: readonly PlatformService[]): TopicSpec[] {
  return [...Object.values(TOPICS), ...services.map((s) => deadLetterTopic(s.consumer.group))];
}

export const PARTNERS: readonly string[] = PARTNER_SOURCES.map((s) => s.replace(/^partner\//, ''));
export const GATEWAY_KAFKA_USER = 'tjc-partner-gateway';

/** The most replicas that share a service's consumer work: one per partition of the widest topic it consumes. */
export function partitionsConsumed(service: PlatformService): number {
  return Math.max(...service.consumer.topics.map((t) => TOPICS[t].partitions));
}

export interface Sizing {
  readonly source: string;
  readonly measured: boolean;
  readonly peakRssMiB: Readonly<Record<string, number>>;
}

export function readSizing(): Sizing {
  return JSON.parse(readFileSync(join(__dirname, '..', 'sizing.json'), 'utf8')) as Sizing;
}

/**
 * Memory from the measured peak: the request is the peak plus a quarter (what a pod needs
 * under the bench's load), the limit twice the peak (a burst the bench did not reach is
 * not an OOM kill), both rounded up to 32 MiB.
 */
export function memoryFor(peakMiB: number): { request: string; limit: string } {
  const round = (mib: number): number => Math.ceil(mib / 32) * 32;
  return { request: `${round(peakMiB * 1.25)}Mi`, limit: `${round(peakMiB * 2)}Mi` };
}
