/**
 * The Kubernetes manifests, checked offline (no cluster): every object of both overlays
 * against the vendored Kubernetes, Strimzi and CloudNativePG schemas (real JSON-Schema
 * validation, strict on unknown fields), the committed YAML against a fresh render, and
 * what the manifests say against what they are derived from: the contracts' topics, the
 * partners and their ACLs, each service's consumer, and each service's own zod config,
 * which parses the environment a pod would get.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { TOPICS, deadLetterTopic } from '@tjc/contracts';
import { loadServiceConfig as researchConfig } from '../../../services/research-network/src/config';
import { loadServiceConfig as industryConfig } from '../../../services/industry-network/src/config';
import { loadServiceConfig as serviceConfig } from '../../../services/service-network/src/config';
import { loadServiceConfig as fundConfig } from '../../../services/fund-network/src/config';
import { loadServiceConfig as kpiConfig } from '../../../services/kpi/src/config';
import { loadServiceConfig as gatewayConfig } from '../../../services/partner-gateway/src/config';
import { DEV_SECRETS_EXAMPLE, readRendered, renderAll, renderDevSecrets } from './cli';
import type { K8sObject } from './model';
import { OVERLAYS, type Overlay } from './overlays';
import { CONSUMERS, GATEWAY_KAFKA_USER, PARTNERS, REPO_ROOT, memoryFor, readServicesConf, readSizing } from './platform';
import { developmentSecrets, oidcEgress, render, secretCatalogue } from './render';
import { ManifestValidator } from './validate';

const validator = new ManifestValidator();
const rendered = renderAll();
const services = readServicesConf();
const overlays = Object.values(OVERLAYS);
const renders = new Map(overlays.map((o) => [o.name, render(o)] as const));
/** Rendered once per overlay; a test that changes an object changes a clone. */
const objectsOf = (overlay: Overlay): K8sObject[] => renders.get(overlay.name)!.flatMap((f) => f.objects);
const find = (objects: readonly K8sObject[], kind: string, name: string): K8sObject => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name} rendered`);
  return found;
};
const clone = <T>(value: T): T => structuredClone(value);

type Container = {
  name: string;
  env?: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>;
  envFrom?: Array<{ configMapRef: { name: string } }>;
  readinessProbe?: { httpGet: { path: string } };
  livenessProbe?: { httpGet: { path: string } };
  resources: { requests: { memory: string }; limits: { memory: string } };
};
const podOf = (o: K8sObject): { metadata: { labels: Record<string, string> }; spec: { containers: Container[]; initContainers?: Container[] } } =>
  (o['spec'] as { template: ReturnType<typeof podOf> }).template;

describe('schema validation (vendored Kubernetes 1.35 OpenAPI, Strimzi 1.2.0 and CloudNativePG 1.30.0 CRDs)', () => {
  it.each(overlays.map((o) => [o.name, o] as const))('every object of the %s overlay is valid', (_name, overlay) => {
    const objects = objectsOf(overlay);
    const kinds = new Set(objects.map((o) => o.kind));
    for (const kind of [
      'Deployment',
      'Service',
      'ConfigMap',
      'Job',
      'HorizontalPodAutoscaler',
      'NetworkPolicy',
      'StatefulSet',
      'Ingress',
      'Kafka',
      'KafkaNodePool',
      'KafkaTopic',
      'KafkaUser',
      'Cluster',
      'Database',
    ]) {
      expect(kinds).toContain(kind);
    }
    expect(objects.flatMap((o) => validator.problems(o))).toEqual([]);
  });

  it('the development-only example Secrets are valid Secrets', () => {
    expect(developmentSecrets(OVERLAYS.development).flatMap((o) => validator.problems(o))).toEqual([]);
  });

  // The negative tests: each takes a real rendered object and breaks one field.
  it('rejects a Deployment with a misspelt field (spec.replica), naming it', () => {
    const deployment = clone(find(objectsOf(OVERLAYS.production), 'Deployment', 'kpi')) as { spec: Record<string, unknown> } & K8sObject;
    deployment.spec['replica'] = deployment.spec['replicas'];
    delete deployment.spec['replicas'];
    expect(validator.problems(deployment)).toEqual(['Deployment/kpi: spec: unknown field "replica"']);
  });

  it('rejects a KafkaTopic whose partitions is a string', () => {
    const topic = clone(find(objectsOf(OVERLAYS.production), 'KafkaTopic', 'tjc-research-events-v1')) as { spec: Record<string, unknown> } & K8sObject;
    topic.spec['partitions'] = '3';
    expect(validator.problems(topic)).toEqual(['KafkaTopic/tjc-research-events-v1: spec.partitions: must be integer']);
  });

  it('rejects a misspelt field deep in a container, a CRD enum violation and a missing required field', () => {
    const objects = objectsOf(OVERLAYS.production);
    const deployment = clone(find(objects, 'Deployment', 'research-network'));
    const container = podOf(deployment).spec.containers[0] as unknown as Record<string, unknown>;
    container['readinesProbe'] = container['readinessProbe'];
    expect(validator.problems(deployment)).toEqual(['Deployment/research-network: spec.template.spec.containers.0: unknown field "readinesProbe"']);

    const user = clone(find(objects, 'KafkaUser', 'partner-hebei-center')) as {
      spec: { authorization: { acls: Array<{ operations: string[] }> } };
    } & K8sObject;
    user.spec.authorization.acls[0]!.operations = ['Produce'];
    expect(validator.problems(user).join('\n')).toMatch(
      /KafkaUser\/partner-hebei-center: spec\.authorization\.acls\.0\.operations\.0: must be equal to one of the allowed values/,
    );

    const cluster = clone(find(objects, 'Cluster', 'tjc-pg')) as { spec: Record<string, unknown> } & K8sObject;
    delete cluster.spec['instances'];
    expect(validator.problems(cluster)).toEqual(["Cluster/tjc-pg: spec: must have required property 'instances'"]);
  });

  it('rejects a name the API server would refuse, and a kind it has no schema for', () => {
    expect(validator.problems({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'tjc_research' } })).toEqual([
      "ConfigMap/tjc_research: metadata.name must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')",
    ]);
    expect(validator.problems({ apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'x' } })[0]).toMatch(/no schema for apps\/v1 Deploymnet/);
  });
});

describe('rendered/ and examples/ are what the renderer makes', () => {
  it('the committed YAML equals a fresh render (run pnpm k8s:render after changing the renderer)', () => {
    const fresh = rendered;
    expect([...readRendered().keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [path, text] of readRendered()) expect({ path, text }).toEqual({ path, text: fresh.get(path) });
    expect(readFileSync(DEV_SECRETS_EXAMPLE, 'utf8')).toBe(renderDevSecrets());
  });

  it('parses back to the same objects (the YAML says what the typed objects say)', () => {
    for (const overlay of overlays) {
      const fromYaml = renders
        .get(overlay.name)!
        .flatMap((f) => parseAllDocuments(rendered.get(`${overlay.name}/${f.file}`)!).map((d) => d.toJSON() as K8sObject));
      expect(fromYaml).toEqual(JSON.parse(JSON.stringify(objectsOf(overlay))));
    }
  });

  it('no Secret and no secret value is rendered; every Secret referenced is in the catalogue (docs/deploy.md) or made by an operator', () => {
    const catalogue = new Map(secretCatalogue().map((s) => [s.name, s.keys]));
    const deployDoc = readFileSync(join(REPO_ROOT, 'docs', 'deploy.md'), 'utf8');
    for (const name of catalogue.keys())
      expect({ name, documented: deployDoc.includes(name.replace(/tjc-pg-tjc-\w+-(owner|app)$/, 'tjc-pg-<database>-$1')) }).toEqual({ name, documented: true });
    for (const [path, text] of rendered) {
      expect({ path, secret: /kind: Secret\b/.test(text) }).toEqual({ path, secret: false });
      expect({ path, whsec: text.includes('whsec_'), devOnly: text.includes('dev-only') }).toEqual({ path, whsec: false, devOnly: false });
    }
    for (const overlay of overlays) {
      for (const o of objectsOf(overlay)) {
        const refs = [...JSON.stringify(o).matchAll(/"secretKeyRef":\{"name":"([^"]+)","key":"([^"]+)"\}/g)].map((m) => [m[1]!, m[2]!] as const);
        for (const [name, key] of refs)
          expect({ ref: `${name}/${key}`, known: catalogue.get(name)?.includes(key) ?? false }).toEqual({ ref: `${name}/${key}`, known: true });
      }
    }
  });
});

describe('derived, not copied', () => {
  const production = objectsOf(OVERLAYS.production);

  it('KafkaTopics: the contracts catalogue and every consumer group’s dead letters, replication 3, min.insync.replicas 2', () => {
    const topics = production
      .filter((o) => o.kind === 'KafkaTopic')
      .map((o) => o['spec'] as { topicName: string; partitions: number; replicas: number; config: Record<string, unknown> });
    const expected = [...Object.values(TOPICS), ...services.map((s) => deadLetterTopic(s.consumer.group))];
    expect(topics.map((t) => t.topicName).sort()).toEqual(expected.map((t) => t.name).sort());
    for (const spec of expected) {
      const topic = topics.find((t) => t.topicName === spec.name)!;
      expect(topic).toEqual({
        topicName: spec.name,
        partitions: spec.partitions,
        replicas: 3,
        config: { 'retention.ms': spec.retentionMs, 'min.insync.replicas': 2, 'cleanup.policy': 'delete' },
      });
    }
    const kafka = find(production, 'Kafka', 'tjc-kafka')['spec'] as { kafka: { config: Record<string, unknown> } };
    expect(kafka.kafka.config['min.insync.replicas']).toBe(2);
    expect((find(production, 'KafkaNodePool', 'brokers')['spec'] as { replicas: number }).replicas).toBe(3);
  });

  it('KafkaUsers: one per partner with the ACLs of docs/partners.md §6 / infra/kafka/compose-partners.sh, and the gateway’s', () => {
    const script = readFileSync(join(REPO_ROOT, 'infra', 'kafka', 'compose-partners.sh'), 'utf8');
    const scriptPartners = /^PARTNERS=\(([^)]*)\)/m.exec(script)![1]!.trim().split(/\s+/);
    expect([...PARTNERS].sort()).toEqual(scriptPartners.sort());
    const users = production.filter((o) => o.kind === 'KafkaUser');
    expect(users.map((u) => u.metadata.name).sort()).toEqual([...scriptPartners.map((p) => `partner-${p}`), GATEWAY_KAFKA_USER].sort());
    const aclsOf = (name: string): unknown => (find(users, 'KafkaUser', name)['spec'] as { authorization: { acls: unknown } }).authorization.acls;
    for (const p of scriptPartners) {
      expect(aclsOf(`partner-${p}`)).toEqual([
        { type: 'allow', resource: { type: 'topic', name: TOPICS.partnerInbound.name, patternType: 'literal' }, operations: ['Write', 'Describe'] },
      ]);
    }
    expect(script).toMatch(/--operation Write --operation Describe --topic "\$INBOUND"/);
    expect(script).toMatch(/--operation Read --operation Describe --topic "\$INBOUND" --group partner-gateway/);
    expect(aclsOf(GATEWAY_KAFKA_USER)).toEqual([
      { type: 'allow', resource: { type: 'topic', name: TOPICS.partnerInbound.name, patternType: 'literal' }, operations: ['Read', 'Describe'] },
      { type: 'allow', resource: { type: 'group', name: 'partner-gateway', patternType: 'literal' }, operations: ['Read'] },
    ]);
  });

  it('each service’s consumer group and topics are the ones its source starts (main.ts / its consumer module)', () => {
    const sourcesOf = (dir: string): string[] =>
      readdirSync(dir).flatMap((entry) => {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) return entry === 'generated' ? [] : sourcesOf(path);
        return /\.ts$/.test(entry) && !/spec\.ts$/.test(entry) ? [readFileSync(path, 'utf8')] : [];
      });
    for (const s of services) {
      const text = sourcesOf(join(REPO_ROOT, 'services', s.name, 'src')).join('\n');
      const consumer = CONSUMERS[s.name]!;
      expect({ service: s.name, group: new RegExp(`(groupId: |_GROUP = )'${consumer.group}'`).test(text) }).toEqual({ service: s.name, group: true });
      expect({ service: s.name, topics: text.includes(`[${consumer.topics.map((t) => `'${t}'`).join(', ')}]`) }).toEqual({ service: s.name, topics: true });
    }
  });

  it('one CloudNativePG Database per service, owned by its owner role; owner and app roles managed (ADR 0012)', () => {
    const dbs = production.filter((o) => o.kind === 'Database').map((o) => o['spec'] as { name: string; owner: string });
    expect(dbs).toEqual(services.map((s) => expect.objectContaining({ name: s.database, owner: `${s.database}_owner` })));
    const roles = (find(production, 'Cluster', 'tjc-pg')['spec'] as { managed: { roles: Array<{ name: string }> } }).managed.roles.map((r) => r.name);
    expect(roles).toEqual(services.flatMap((s) => [`${s.database}_owner`, `${s.database}_app`]));
    for (const s of services) {
      const env = podOf(find(production, 'Deployment', s.name)).spec.containers[0]!.env!;
      expect(env.find((e) => e.name === 'DATABASE_URL')?.value).toBe(`postgresql://${s.database}_app:$(DB_PASSWORD)@tjc-pg-rw:5432/${s.database}`);
      const job = production.find((o) => o.kind === 'Job' && o.metadata.labels?.['tjc.platform/service'] === s.name)!;
      const migrate = podOf(job).spec.initContainers!.find((c) => c.name === 'migrate')!;
      expect(migrate.env!.find((e) => e.name === 'DATABASE_URL')?.value).toBe(`postgresql://${s.database}_owner:$(PGPASSWORD)@tjc-pg-rw:5432/${s.database}`);
    }
    const roleSql = find(production, 'ConfigMap', 'tjc-postgres-roles')['data'] as Record<string, string>;
    expect(roleSql['roles.sql']).toBe(readFileSync(join(REPO_ROOT, 'infra', 'postgres', 'roles.sql'), 'utf8'));
  });

  it('the services may reach the OIDC provider the overlay names, and only on its port', () => {
    const egressOf = (overlay: Overlay): unknown[] => (find(objectsOf(overlay), 'NetworkPolicy', 'kpi')['spec'] as { egress: unknown[] }).egress;
    expect(egressOf(OVERLAYS.development)).toContainEqual({
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'tjc-dev' } } }],
      ports: [{ protocol: 'TCP', port: 3107 }],
    });
    expect(egressOf(OVERLAYS.production)).toContainEqual(expect.objectContaining({ ports: [{ protocol: 'TCP', port: 443 }] }));
    expect(oidcEgress('https://idp.example:8443/realms/x')).toEqual(expect.objectContaining({ ports: [{ protocol: 'TCP', port: 8443 }] }));
  });

  it('probes on /health/ready and /health/live, memory from sizing.json, a PDB and CPU + consumer-lag autoscaling per service', () => {
    const sizing = readSizing();
    for (const s of services) {
      const c = podOf(find(production, 'Deployment', s.name)).spec.containers[0]!;
      expect([c.readinessProbe?.httpGet.path, c.livenessProbe?.httpGet.path]).toEqual(['/health/ready', '/health/live']);
      const memory = memoryFor(sizing.peakRssMiB[s.name]!);
      expect([c.resources.requests.memory, c.resources.limits.memory]).toEqual([memory.request, memory.limit]);
      expect(find(production, 'PodDisruptionBudget', s.name)['spec']).toEqual({
        maxUnavailable: 1,
        selector: { matchLabels: { 'app.kubernetes.io/name': s.name, 'app.kubernetes.io/instance': 'production' } },
      });
      const hpa = find(production, 'HorizontalPodAutoscaler', s.name)['spec'] as {
        metrics: Array<{ type: string; external?: { metric: { selector: { matchLabels: { group: string } } } } }>;
      };
      expect(hpa.metrics.map((m) => m.type)).toEqual(['Resource', 'External']);
      expect(hpa.metrics[1]!.external!.metric.selector.matchLabels.group).toBe(s.consumer.group);
    }
  });
});

describe('each service’s own config (its zod schema in src/config.ts) accepts the environment its pod gets', () => {
  const loaders: Record<string, (env: NodeJS.ProcessEnv) => unknown> = {
    'research-network': researchConfig,
    'industry-network': industryConfig,
    'service-network': serviceConfig,
    'fund-network': fundConfig,
    kpi: kpiConfig,
    'partner-gateway': gatewayConfig,
  };

  /** The environment the kubelet would give the container: ConfigMaps (envFrom), then env, with $(VAR) expanded. */
  function podEnv(objects: readonly K8sObject[], secrets: readonly K8sObject[], container: Container): Record<string, string> {
    const env: Record<string, string> = {};
    for (const ref of container.envFrom ?? []) Object.assign(env, find(objects, 'ConfigMap', ref.configMapRef.name)['data']);
    for (const e of container.env ?? []) {
      if (e.valueFrom?.secretKeyRef) {
        const secret = find(secrets, 'Secret', e.valueFrom.secretKeyRef.name)['stringData'] as Record<string, string>;
        env[e.name] = secret[e.valueFrom.secretKeyRef.key]!;
      } else env[e.name] = (e.value ?? '').replace(/\$\(([A-Z_][A-Z0-9_]*)\)/g, (whole, name: string) => env[name] ?? whole);
    }
    return env;
  }

  it('covers every service of infra/services.conf', () => {
    expect(Object.keys(loaders).sort()).toEqual(services.map((s) => s.name).sort());
  });

  it.each(overlays.flatMap((o) => services.map((s) => [o.name, s.name] as const)))('%s: %s', (overlayName, name) => {
    const overlay = OVERLAYS[overlayName];
    const objects = objectsOf(overlay);
    // The development-only sample values stand in for the real Secrets: same names, keys and formats.
    const env = podEnv(objects, developmentSecrets(overlay), podOf(find(objects, 'Deployment', name)).spec.containers[0]!);
    type Common = { PORT: number; HTTP_HOST: string; NODE_ENV: string; KAFKA_BROKERS: string[] };
    const config = loaders[name]!(env) as Common & { env?: Common; auth: { oidc?: { issuer: string }; dev?: unknown } };
    // Some services keep the parsed variables under `env` (fund-network, kpi), the others at the top.
    const common = config.env ?? config;
    expect(config.PORT).toBe(services.find((s) => s.name === name)!.port);
    expect(common.HTTP_HOST).toBe('0.0.0.0');
    expect(common.NODE_ENV).toBe(overlay.nodeEnv);
    expect(common.KAFKA_BROKERS).toEqual(['tjc-kafka-kafka-bootstrap:9092']);
    expect(config.auth.oidc?.issuer).toBe(overlay.oidcIssuer);
    expect(config.auth.dev).toBeUndefined();
  });

  // The console's server config is an ES module (services/console/server/config.mjs): parsed in a child Node, as the server does.
  const consoleConfig = (
    env: Record<string, string>,
  ): { production: boolean; devLogin: boolean; host: string; port: number; oidcIssuer?: string; upstreams: Record<string, string> } => {
    const script = `import('${join(REPO_ROOT, 'services', 'console', 'server', 'config.mjs')}').then(({ consoleConfigFrom }) => {
      const c = consoleConfigFrom(JSON.parse(process.env.CONSOLE_ENV));
      process.stdout.write(JSON.stringify({ ...c, upstreams: Object.fromEntries(c.upstreams) }));
    })`;
    return JSON.parse(
      execFileSync(process.execPath, ['-e', script], { env: { PATH: process.env['PATH'] ?? '', CONSOLE_ENV: JSON.stringify(env) }, encoding: 'utf8' }),
    ) as ReturnType<typeof consoleConfig>;
  };

  it.each(overlays.map((o) => [o.name, o] as const))('%s: console', (_name, overlay) => {
    const objects = objectsOf(overlay);
    const config = consoleConfig(podEnv(objects, [], podOf(find(objects, 'Deployment', 'console')).spec.containers[0]!));
    expect(config).toEqual(
      expect.objectContaining({ production: overlay.nodeEnv === 'production', devLogin: false, host: '0.0.0.0', port: 3100, oidcIssuer: overlay.oidcIssuer }),
    );
    // Its proxy reaches every service, at the Service name and port the manifests give it.
    expect(Object.values(config.upstreams).sort()).toEqual(services.map((s) => `http://${s.name}:${s.port}`).sort());
  });

  it('a broken value is refused by the service, so the check above can fail', () => {
    const objects = objectsOf(OVERLAYS.production);
    const env = podEnv(objects, developmentSecrets(OVERLAYS.production), podOf(find(objects, 'Deployment', 'kpi')).spec.containers[0]!);
    expect(() => kpiConfig({ ...env, KAFKA_BROKERS: 'tjc-kafka-kafka-bootstrap' })).toThrow(/KAFKA_BROKERS/);
  });
});
