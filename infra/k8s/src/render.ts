/**
 * The platform on Kubernetes as typed objects: one base, parameterised by an overlay
 * (src/overlays.ts). Deterministic: the same repository renders the same bytes, so the
 * committed YAML (rendered/) is checked against a fresh render in the unit stage.
 *
 * Files are applied in name order (docs/deploy.md): namespace and policies, the data
 * services through their operators (Strimzi, CloudNativePG) and Redis, the migration Jobs,
 * then the services. No Secret value is rendered: each Secret is named with its keys in
 * docs/deploy.md; examples/development-secrets.example.yaml is a development-only sample.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { K8sObject, ManifestFile, ObjectMeta } from './model';
import type { Overlay } from './overlays';
import {
  CONSOLE,
  GATEWAY_KAFKA_USER,
  PARTNERS,
  REPO_ROOT,
  allTopics,
  appRole,
  memoryFor,
  ownerRole,
  partitionsConsumed,
  readServicesConf,
  readSizing,
  upstreamKey,
  type PlatformService,
  type Sizing,
} from './platform';
import { TOPICS } from '@tjc/contracts';

export const KAFKA_CLUSTER = 'tjc-kafka';
export const PG_CLUSTER = 'tjc-pg';
export const REDIS = 'tjc-redis';
/** Strimzi's bootstrap Service of the cluster's internal listener. */
const KAFKA_BOOTSTRAP = `${KAFKA_CLUSTER}-kafka-bootstrap:9092`;
/** CloudNativePG's read-write Service (always the primary). */
const PG_RW = `${PG_CLUSTER}-rw`;
const PART_OF = 'tjc-platform';
/** Labels that open a NetworkPolicy door (src/render.ts networkPolicies). */
const CLIENT_OF = { kafka: 'tjc.platform/kafka-client', postgres: 'tjc.platform/postgres-client', redis: 'tjc.platform/redis-client' } as const;
/** How many replicas of each topic and how many must acknowledge a write (acks=all). */
const REPLICATION = { replicas: 3, minInsync: 2 } as const;
/** Consumer lag per replica the HPA aims at (the runtime's tjc_consumer_lag, summed over partitions). */
const LAG_TARGET_PER_REPLICA = '1000';
/** CPU utilisation (of the request) the HPA aims at. */
const CPU_TARGET_PERCENT = 70;

interface Context {
  readonly overlay: Overlay;
  readonly services: readonly PlatformService[];
  readonly sizing: Sizing;
}

function meta(ctx: Context, name: string, component: string, extra: Partial<ObjectMeta> = {}): ObjectMeta {
  return {
    name,
    namespace: ctx.overlay.namespace,
    labels: { 'app.kubernetes.io/name': component, 'app.kubernetes.io/part-of': PART_OF, 'app.kubernetes.io/instance': ctx.overlay.name, ...extra.labels },
    ...(extra.annotations && { annotations: extra.annotations }),
  };
}

const image = (ctx: Context, name: string): string => `${ctx.overlay.registry}/${name}:${ctx.overlay.tag}`;

function sizingOf(ctx: Context, name: string): { request: string; limit: string } {
  const peak = ctx.sizing.peakRssMiB[name];
  if (peak === undefined) throw new Error(`infra/k8s/sizing.json has no peakRssMiB for "${name}" (run pnpm k8s:sizing after pnpm bench)`);
  return memoryFor(peak);
}

/** The hardened container settings every platform container shares. */
const CONTAINER_SECURITY = {
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
} as const;

/** The basic-auth Secret (username, password) CloudNativePG sets a role's password from: tjc-pg-tjc-research-app. */
export const pgSecret = (s: PlatformService, role: 'owner' | 'app'): string => `${PG_CLUSTER}-${s.database.replaceAll('_', '-')}-${role}`;

/** The platform images' user (docs/deploy.md, prerequisites). */
const POD_SECURITY = { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } } as const;

const secretEnv = (name: string, secret: string, key: string): Record<string, unknown> => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });

// ---------------------------------------------------------------------------------------------
// 00: namespace, shared configuration, policies

function namespace(ctx: Context): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: ctx.overlay.namespace,
      // The platform's own pods meet `restricted`; the operators' pods (Strimzi's default pod security provider) are only
      // promised `baseline`, so that is enforced and `restricted` is warned about.
      labels: {
        'app.kubernetes.io/part-of': PART_OF,
        'pod-security.kubernetes.io/enforce': 'baseline',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
      },
    },
  };
}

function sharedConfig(ctx: Context): K8sObject[] {
  const o = ctx.overlay;
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(ctx, 'tjc-platform', 'tjc-platform'),
      data: {
        NODE_ENV: o.nodeEnv,
        LOG_LEVEL: o.logLevel,
        KAFKA_BROKERS: KAFKA_BOOTSTRAP,
        // The services listen on loopback by default (CommonEnv HTTP_HOST): in a pod the kubelet and the Service reach the pod IP.
        HTTP_HOST: '0.0.0.0',
        CORS_ORIGINS: `https://${o.consoleHost}`,
        OTEL_EXPORTER_OTLP_ENDPOINT: o.otlp.endpoint,
      },
    },
    {
      // The OIDC settings: the issuer is public (its discovery document is), so a ConfigMap.
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(ctx, 'tjc-oidc', 'tjc-platform'),
      data: { AUTH_OIDC_ISSUER: o.oidcIssuer, AUTH_AUDIENCE: 'tjc-platform', AUTH_OIDC_CLIENT_ID: 'tjc-console' },
    },
  ];
}

/**
 * Default deny for the platform's own pods (both directions), then one door per need. The
 * operators' pods (Kafka brokers, PostgreSQL instances) are not under the default deny: Strimzi
 * writes the Kafka listeners' policies itself (networkPolicyPeers below), and the PostgreSQL
 * policy here admits only its clients, its own instances and the CloudNativePG operator.
 */
function networkPolicies(ctx: Context): K8sObject[] {
  const o = ctx.overlay;
  const platformPods = { matchLabels: { 'app.kubernetes.io/part-of': PART_OF } };
  const inNamespace = (ns: string): Record<string, unknown> => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } });
  const pods = (labels: Record<string, string>): Record<string, unknown> => ({ podSelector: { matchLabels: labels } });
  const tcp = (port: number): Record<string, unknown> => ({ protocol: 'TCP', port });
  const policy = (name: string, spec: Record<string, unknown>): K8sObject => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(ctx, name, 'tjc-platform'),
    spec,
  });
  const out: K8sObject[] = [
    policy('default-deny', { podSelector: platformPods, policyTypes: ['Ingress', 'Egress'] }),
    policy('dns', {
      podSelector: platformPods,
      policyTypes: ['Egress'],
      egress: [{ to: [{ ...inNamespace('kube-system'), ...pods({ 'k8s-app': 'kube-dns' }) }], ports: [{ protocol: 'UDP', port: 53 }, tcp(53)] }],
    }),
    policy('kafka-clients', {
      podSelector: { matchLabels: { [CLIENT_OF.kafka]: 'true' } },
      policyTypes: ['Egress'],
      egress: [{ to: [pods({ 'strimzi.io/cluster': KAFKA_CLUSTER, 'strimzi.io/broker-role': 'true' })], ports: [tcp(9092)] }],
    }),
    policy('postgres-clients', {
      podSelector: { matchLabels: { [CLIENT_OF.postgres]: 'true' } },
      policyTypes: ['Egress'],
      egress: [{ to: [pods({ 'cnpg.io/cluster': PG_CLUSTER })], ports: [tcp(5432)] }],
    }),
    policy('redis-clients', {
      podSelector: { matchLabels: { [CLIENT_OF.redis]: 'true' } },
      policyTypes: ['Egress'],
      egress: [{ to: [pods({ 'app.kubernetes.io/name': REDIS })], ports: [tcp(6379)] }],
    }),
    policy('redis', {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': REDIS } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [pods({ [CLIENT_OF.redis]: 'true' })], ports: [tcp(6379)] }],
    }),
    policy('postgres', {
      podSelector: { matchLabels: { 'cnpg.io/cluster': PG_CLUSTER } },
      policyTypes: ['Ingress'],
      ingress: [
        { from: [pods({ [CLIENT_OF.postgres]: 'true' }), pods({ 'cnpg.io/cluster': PG_CLUSTER })], ports: [tcp(5432)] },
        // The operator polls each instance's status endpoint.
        { from: [{ ...inNamespace('cnpg-system'), ...pods({ 'app.kubernetes.io/name': 'cloudnative-pg' }) }], ports: [tcp(8000), tcp(5432)] },
      ],
    }),
  ];
  for (const s of ctx.services) {
    const consoleFrom = pods({ 'app.kubernetes.io/name': CONSOLE.name });
    const from = [consoleFrom, ...(s.public ? [inNamespace(o.ingressNamespace)] : [])];
    out.push(
      policy(s.name, {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': s.name } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          { from, ports: [tcp(s.port)] },
          { from: [inNamespace(o.prometheusNamespace)], ports: [tcp(s.port)] },
        ],
        egress: [
          { to: [inNamespace(o.otlp.namespace)], ports: [tcp(4318)] },
          // The OIDC provider's discovery document and JWKS (the services verify tokens).
          oidcEgress(o.oidcIssuer),
        ],
      }),
    );
  }
  out.push(
    policy(CONSOLE.name, {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': CONSOLE.name } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [inNamespace(o.ingressNamespace)], ports: [tcp(CONSOLE.port)] }],
      // The console proxies /api/<service>/* to each service, and nothing else.
      egress: ctx.services.map((s) => ({ to: [pods({ 'app.kubernetes.io/name': s.name })], ports: [tcp(s.port)] })),
    }),
  );
  return out;
}

/**
 * Where the services may reach the OIDC provider, from its issuer URL: a provider inside the
 * cluster (<service>.<namespace>.svc…) on its port in its namespace, otherwise HTTPS out of the cluster.
 */
export function oidcEgress(issuer: string): Record<string, unknown> {
  const url = new URL(issuer);
  const inCluster = /^[a-z0-9-]+\.([a-z0-9-]+)\.svc(\.cluster\.local)?$/.exec(url.hostname);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (inCluster) return { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': inCluster[1]! } } }], ports: [{ protocol: 'TCP', port }] };
  return { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }], ports: [{ protocol: 'TCP', port }] };
}

// ---------------------------------------------------------------------------------------------
// 10: Kafka (Strimzi), PostgreSQL (CloudNativePG), Redis

function kafka(ctx: Context): K8sObject[] {
  const o = ctx.overlay;
  const storage = o.kafka.storage.type === 'ephemeral' ? { type: 'ephemeral' } : { ...o.kafka.storage, deleteClaim: false };
  const out: K8sObject[] = [
    {
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaNodePool',
      metadata: meta(ctx, 'brokers', KAFKA_CLUSTER, { labels: { 'strimzi.io/cluster': KAFKA_CLUSTER } }),
      // Three nodes, each broker and KRaft controller: a quorum survives one node down.
      spec: { replicas: 3, roles: ['controller', 'broker'], storage: { type: 'jbod', volumes: [{ id: 0, ...storage, kraftMetadata: 'shared' }] } },
    },
    {
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'Kafka',
      metadata: meta(ctx, KAFKA_CLUSTER, KAFKA_CLUSTER),
      spec: {
        kafka: {
          listeners: [
            {
              // The platform's services: no SASL in their client yet (docs/deploy.md, "Not yet proven");
              // only pods labelled as Kafka clients may connect (Strimzi writes the NetworkPolicy).
              name: 'internal',
              port: 9092,
              type: 'internal',
              tls: false,
              networkPolicyPeers: [{ podSelector: { matchLabels: { [CLIENT_OF.kafka]: 'true' } } }],
            },
            // Partners (docs/partners.md §6): SCRAM-SHA-512 over TLS, one KafkaUser each.
            { name: 'partner', port: 9094, type: 'loadbalancer', tls: true, authentication: { type: 'scram-sha-512' } },
          ],
          authorization: { type: 'simple', superUsers: ['ANONYMOUS'] },
          config: {
            'auto.create.topics.enable': false,
            'allow.everyone.if.no.acl.found': false,
            'default.replication.factor': REPLICATION.replicas,
            'min.insync.replicas': REPLICATION.minInsync,
            'offsets.topic.replication.factor': REPLICATION.replicas,
            'transaction.state.log.replication.factor': REPLICATION.replicas,
            'transaction.state.log.min.isr': REPLICATION.minInsync,
          },
          // Broker metrics through Strimzi's JMX exporter config, if the operator's example ConfigMap is installed.
        },
        entityOperator: { topicOperator: {}, userOperator: {} },
        kafkaExporter: { groupRegex: '.*', topicRegex: 'tjc\\..*' },
      },
    },
  ];
  for (const topic of allTopics(ctx.services)) {
    out.push({
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaTopic',
      // A resource name may not hold the topic's dots in every position Kubernetes allows; topicName carries the real one.
      metadata: meta(ctx, topic.name.replaceAll('.', '-'), KAFKA_CLUSTER, { labels: { 'strimzi.io/cluster': KAFKA_CLUSTER } }),
      spec: {
        topicName: topic.name,
        partitions: topic.partitions,
        replicas: REPLICATION.replicas,
        config: { 'retention.ms': topic.retentionMs, 'min.insync.replicas': REPLICATION.minInsync, 'cleanup.policy': 'delete' },
      },
    });
  }
  const inbound = TOPICS.partnerInbound.name;
  const user = (name: string, acls: readonly Record<string, unknown>[]): K8sObject => ({
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaUser',
    metadata: meta(ctx, name, KAFKA_CLUSTER, { labels: { 'strimzi.io/cluster': KAFKA_CLUSTER } }),
    // The User Operator generates the password into a Secret of the user's name (key `password`).
    spec: { authentication: { type: 'scram-sha-512' }, authorization: { type: 'simple', acls } },
  });
  // docs/partners.md §6: WRITE and DESCRIBE on the inbound topic, nothing else.
  out.push(
    ...PARTNERS.map((p) =>
      user(`partner-${p}`, [{ type: 'allow', resource: { type: 'topic', name: inbound, patternType: 'literal' }, operations: ['Write', 'Describe'] }]),
    ),
  );
  // The gateway reads the inbound topic in its consumer group (when its client authenticates; see docs/deploy.md).
  const gatewayGroup = ctx.services.find((s) => s.name === 'partner-gateway')?.consumer.group ?? 'partner-gateway';
  out.push(
    user(GATEWAY_KAFKA_USER, [
      { type: 'allow', resource: { type: 'topic', name: inbound, patternType: 'literal' }, operations: ['Read', 'Describe'] },
      { type: 'allow', resource: { type: 'group', name: gatewayGroup, patternType: 'literal' }, operations: ['Read'] },
    ]),
  );
  return out;
}

function postgres(ctx: Context): K8sObject[] {
  const o = ctx.overlay;
  const roles = ctx.services.flatMap((s) => [
    { name: ownerRole(s.database), ensure: 'present', login: true, passwordSecret: { name: pgSecret(s, 'owner') } },
    { name: appRole(s.database), ensure: 'present', login: true, passwordSecret: { name: pgSecret(s, 'app') } },
  ]);
  const out: K8sObject[] = [
    {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: meta(ctx, PG_CLUSTER, PG_CLUSTER),
      spec: {
        instances: o.postgres.instances,
        storage: { size: o.postgres.storage },
        enableSuperuserAccess: false,
        // One owner role (migrations) and one app role (the service) per service database (ADR 0012).
        managed: { roles },
        monitoring: { enablePodMonitor: false },
        ...(o.postgres.instances > 1 && { minSyncReplicas: 1, maxSyncReplicas: 1 }),
      },
    },
  ];
  for (const s of ctx.services) {
    out.push({
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Database',
      metadata: meta(ctx, s.database.replaceAll('_', '-'), PG_CLUSTER),
      spec: { name: s.database, owner: ownerRole(s.database), cluster: { name: PG_CLUSTER }, ensure: 'present', databaseReclaimPolicy: 'retain' },
    });
  }
  return out;
}

/** Redis for BullMQ: AOF persistence (fsync every second) and noeviction, as infra/scripts/check-redis.sh requires. */
function redis(ctx: Context): K8sObject[] {
  const labels = { 'app.kubernetes.io/name': REDIS };
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(ctx, REDIS, REDIS),
      spec: { selector: labels, ports: [{ name: 'redis', port: 6379, targetPort: 'redis' }] },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: meta(ctx, REDIS, REDIS),
      spec: {
        serviceName: REDIS,
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels: { ...labels, 'app.kubernetes.io/part-of': PART_OF } },
          spec: {
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: 999, fsGroup: 999 },
            containers: [
              {
                name: 'redis',
                image: 'redis:7.4',
                args: [
                  '--appendonly',
                  'yes',
                  '--appendfsync',
                  'everysec',
                  '--maxmemory-policy',
                  'noeviction',
                  '--dir',
                  '/data',
                  '--requirepass',
                  '$(REDIS_PASSWORD)',
                ],
                env: [secretEnv('REDIS_PASSWORD', 'tjc-redis', 'password')],
                ports: [{ name: 'redis', containerPort: 6379 }],
                readinessProbe: { exec: { command: ['sh', '-c', 'redis-cli -a "$REDIS_PASSWORD" --no-auth-warning ping | grep -q PONG'] }, periodSeconds: 5 },
                livenessProbe: { tcpSocket: { port: 'redis' }, periodSeconds: 10, failureThreshold: 6 },
                resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } },
                securityContext: CONTAINER_SECURITY,
                volumeMounts: [{ name: 'data', mountPath: '/data' }],
              },
            ],
          },
        },
        volumeClaimTemplates: [
          { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: ctx.overlay.redis.storage } } } },
        ],
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// 20: migrations, one Job per service database, before the services (docs/deploy.md)

function migrations(ctx: Context): K8sObject[] {
  const rolesSql = readFileSync(join(REPO_ROOT, 'infra', 'postgres', 'roles.sql'), 'utf8');
  const out: K8sObject[] = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(ctx, 'tjc-postgres-roles', 'tjc-migrate'), data: { 'roles.sql': rolesSql } }];
  for (const s of ctx.services) {
    const owner = ownerRole(s.database);
    const env = [
      secretEnv('PGPASSWORD', pgSecret(s, 'owner'), 'password'),
      { name: 'DATABASE_URL', value: `postgresql://${owner}:$(PGPASSWORD)@${PG_RW}:5432/${s.database}` },
    ];
    // As ./platform migrate_databases: the grants before (a fresh database), the migration as the owner, the grants again (new tables).
    const roles = (name: string): Record<string, unknown> => ({
      name,
      image: 'ghcr.io/cloudnative-pg/postgresql:17',
      command: [
        'psql',
        `--host=${PG_RW}`,
        `--username=${owner}`,
        `--dbname=${s.database}`,
        '-v',
        `owner=${owner}`,
        '-v',
        `app=${appRole(s.database)}`,
        '-f',
        '/sql/roles.sql',
      ],
      env,
      securityContext: CONTAINER_SECURITY,
      resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
      volumeMounts: [{ name: 'roles', mountPath: '/sql', readOnly: true }],
    });
    out.push({
      apiVersion: 'batch/v1',
      kind: 'Job',
      // The image tag is part of the name: a Job is immutable, each release runs its own.
      metadata: meta(ctx, `migrate-${s.name}-${ctx.overlay.tag.replaceAll('.', '-')}`, 'tjc-migrate', { labels: { 'tjc.platform/service': s.name } }),
      spec: {
        backoffLimit: 2,
        ttlSecondsAfterFinished: 86_400,
        template: {
          metadata: { labels: { 'app.kubernetes.io/name': 'tjc-migrate', 'app.kubernetes.io/part-of': PART_OF, [CLIENT_OF.postgres]: 'true' } },
          spec: {
            restartPolicy: 'Never',
            automountServiceAccountToken: false,
            securityContext: POD_SECURITY,
            initContainers: [
              roles('roles-before'),
              {
                name: 'migrate',
                image: image(ctx, s.name),
                workingDir: `/app/services/${s.name}`,
                // Prisma's WebAssembly schema engine (docs/prisma-offline.md): no engine download at run time.
                command: ['node_modules/.bin/tjc-prisma', 'deploy', '--schema', 'prisma/schema', '--url', '$(DATABASE_URL)'],
                env,
                securityContext: CONTAINER_SECURITY,
                resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } },
                volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
              },
            ],
            containers: [roles('roles-after')],
            volumes: [
              { name: 'roles', configMap: { name: 'tjc-postgres-roles' } },
              { name: 'tmp', emptyDir: {} },
            ],
          },
        },
      },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 30: the services and the console

/** The environment of a service that is neither in the shared ConfigMaps nor secret. */
function serviceEnv(s: PlatformService): Record<string, unknown>[] {
  const env: Record<string, unknown>[] = [
    secretEnv('DB_PASSWORD', pgSecret(s, 'app'), 'password'),
    // Passwords must be URL-safe (docs/deploy.md, "Secrets"): they are placed into the URL as they are.
    { name: 'DATABASE_URL', value: `postgresql://${appRole(s.database)}:$(DB_PASSWORD)@${PG_RW}:5432/${s.database}` },
    secretEnv('REDIS_PASSWORD', 'tjc-redis', 'password'),
    { name: 'REDIS_URL', value: `redis://:$(REDIS_PASSWORD)@${REDIS}:6379` },
    secretEnv('AUDIT_CHECKPOINT_KEY', 'tjc-audit', 'checkpoint-key'),
  ];
  if (s.name === 'partner-gateway') env.push(secretEnv('PARTNER_SECRETS', 'tjc-partner-secrets', 'PARTNER_SECRETS'));
  return env;
}

function podSpec(name: string, container: Record<string, unknown>, labels: Record<string, string>): Record<string, unknown> {
  return {
    serviceAccountName: name,
    automountServiceAccountToken: false,
    // The runtime drains in-flight requests and commits consumer offsets on SIGTERM.
    terminationGracePeriodSeconds: 45,
    securityContext: POD_SECURITY,
    topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels } },
    ],
    containers: [container],
    volumes: [{ name: 'tmp', emptyDir: {} }],
  };
}

function workload(
  ctx: Context,
  name: string,
  port: number,
  opts: {
    env: Record<string, unknown>[];
    envFrom: string[];
    health: { ready: string; live: string };
    clients: readonly (keyof typeof CLIENT_OF)[];
    maxReplicas: number;
    lagGroup?: string;
  },
): K8sObject[] {
  const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': ctx.overlay.name };
  const memory = sizingOf(ctx, name);
  const probe = (path: string, extra: Record<string, unknown>): Record<string, unknown> => ({ httpGet: { path, port: 'http' }, timeoutSeconds: 3, ...extra });
  const container = {
    name,
    image: image(ctx, name),
    ports: [{ name: 'http', containerPort: port }],
    envFrom: opts.envFrom.map((cm) => ({ configMapRef: { name: cm } })),
    env: opts.env,
    // Startup allows 5 minutes: six services starting at once on a small node have taken over 90 s (./platform READY_TIMEOUT_S).
    startupProbe: probe(opts.health.live, { periodSeconds: 5, failureThreshold: 60 }),
    readinessProbe: probe(opts.health.ready, { periodSeconds: 5, failureThreshold: 3 }),
    livenessProbe: probe(opts.health.live, { periodSeconds: 10, failureThreshold: 6 }),
    // No CPU limit (throttling stalls Kafka heartbeats); memory limited from the measured peak (sizing.json).
    resources: { requests: { cpu: '250m', memory: memory.request }, limits: { memory: memory.limit } },
    securityContext: CONTAINER_SECURITY,
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
  };
  const podLabels = { ...selector, 'app.kubernetes.io/part-of': PART_OF, ...Object.fromEntries(opts.clients.map((c) => [CLIENT_OF[c], 'true'])) };
  const minReplicas = Math.min(ctx.overlay.minReplicas, opts.maxReplicas);
  const metrics: Record<string, unknown>[] = [
    { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: CPU_TARGET_PERCENT } } },
  ];
  if (opts.lagGroup) {
    // The runtime's own gauge (packages/runtime telemetry: tjc_consumer_lag{group}), served to the HPA by a metrics adapter (docs/deploy.md).
    metrics.push({
      type: 'External',
      external: {
        metric: { name: 'tjc_consumer_lag', selector: { matchLabels: { group: opts.lagGroup } } },
        target: { type: 'AverageValue', averageValue: LAG_TARGET_PER_REPLICA },
      },
    });
  }
  const out: K8sObject[] = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(ctx, name, name), automountServiceAccountToken: false },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(ctx, name, name),
      spec: { selector, ports: [{ name: 'http', port, targetPort: 'http' }] },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(ctx, name, name),
      spec: {
        replicas: minReplicas,
        revisionHistoryLimit: 5,
        selector: { matchLabels: selector },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: {
          metadata: {
            labels: podLabels,
            annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(port), 'prometheus.io/path': '/metrics' },
          },
          spec: podSpec(name, container, selector),
        },
      },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta(ctx, name, name),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        minReplicas,
        maxReplicas: opts.maxReplicas,
        metrics,
        // A rebalance per scale step: scale down slowly.
        behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 120 }] } },
      },
    },
  ];
  if (minReplicas >= 2) {
    out.push({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: meta(ctx, name, name),
      spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
    });
  }
  return out;
}

function services(ctx: Context): K8sObject[] {
  return ctx.services.flatMap((s) => [
    {
      // What is this service's alone; its own tunables (REVIEW_PASS_SCORE, KPI_*, PARTNER_RATE_*, …; infra/env.sh) go here too.
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(ctx, `${s.name}-config`, s.name),
      data: { PORT: String(s.port), OTEL_SERVICE_NAME: s.name, KAFKA_CLIENT_ID: s.name },
    } satisfies K8sObject,
    ...workload(ctx, s.name, s.port, {
      env: serviceEnv(s),
      envFrom: ['tjc-platform', 'tjc-oidc', `${s.name}-config`],
      health: { ready: '/health/ready', live: '/health/live' },
      clients: ['kafka', 'postgres', 'redis'],
      // Consumers beyond the widest consumed topic's partitions would sit idle; the gateway's HTTP side scales further.
      maxReplicas: s.public ? Math.max(partitionsConsumed(s), 6) : partitionsConsumed(s),
      lagGroup: s.consumer.group,
    }),
  ]);
}

function consoleApp(ctx: Context): K8sObject[] {
  const upstreams = ctx.services.map((s) => ({ name: `CONSOLE_UPSTREAM_${upstreamKey(s.name)}`, value: `http://${s.name}:${s.port}` }));
  return workload(ctx, CONSOLE.name, CONSOLE.port, {
    env: [{ name: 'CONSOLE_HOST', value: '0.0.0.0' }, { name: 'CONSOLE_PORT', value: String(CONSOLE.port) }, ...upstreams],
    envFrom: ['tjc-oidc'],
    health: { ready: '/healthz', live: '/healthz' },
    clients: [],
    maxReplicas: 4,
  }).map((o) => (o.kind === 'Deployment' ? withNodeEnv(o, ctx.overlay.nodeEnv) : o));
}

function withNodeEnv(deployment: K8sObject, nodeEnv: string): K8sObject {
  const spec = deployment['spec'] as { template: { spec: { containers: Array<{ env: unknown[] }> } } };
  for (const c of spec.template.spec.containers) c.env = [{ name: 'NODE_ENV', value: nodeEnv }, ...c.env];
  return deployment;
}

function ingress(ctx: Context): K8sObject {
  const o = ctx.overlay;
  const gateway = ctx.services.find((s) => s.public);
  const rule = (host: string, service: string, port: number): Record<string, unknown> => ({
    host,
    http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: service, port: { number: port } } } }] },
  });
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta(ctx, 'tjc', 'tjc-platform'),
    spec: {
      ingressClassName: o.ingressClass,
      tls: [{ hosts: [o.consoleHost, o.partnerHost], secretName: 'tjc-tls' }],
      rules: [rule(o.consoleHost, CONSOLE.name, CONSOLE.port), ...(gateway ? [rule(o.partnerHost, gateway.name, gateway.port)] : [])],
    },
  };
}

/** Every file of one overlay, in apply order. */
export function render(overlay: Overlay, sizing: Sizing = readSizing(), platformServices: readonly PlatformService[] = readServicesConf()): ManifestFile[] {
  const ctx: Context = { overlay, services: platformServices, sizing };
  return [
    { file: '00-namespace.yaml', objects: [namespace(ctx), ...sharedConfig(ctx), ...networkPolicies(ctx)] },
    { file: '10-kafka.yaml', objects: kafka(ctx) },
    { file: '11-postgres.yaml', objects: postgres(ctx) },
    { file: '12-redis.yaml', objects: redis(ctx) },
    { file: '20-migrations.yaml', objects: migrations(ctx) },
    { file: '30-services.yaml', objects: services(ctx) },
    { file: '31-console.yaml', objects: [...consoleApp(ctx), ingress(ctx)] },
  ];
}

/** A Secret the manifests reference and never contain: created by the operator of the cluster (docs/deploy.md, "Secrets"). */
export interface SecretRef {
  readonly name: string;
  readonly type: 'Opaque' | 'kubernetes.io/basic-auth' | 'kubernetes.io/tls';
  readonly keys: readonly string[];
  readonly purpose: string;
}

/** Every Secret the rendered objects reference by name, with its keys. */
export function secretCatalogue(platformServices: readonly PlatformService[] = readServicesConf()): SecretRef[] {
  return [
    ...platformServices.flatMap((s): SecretRef[] => [
      {
        name: pgSecret(s, 'owner'),
        type: 'kubernetes.io/basic-auth',
        keys: ['username', 'password'],
        purpose: `${ownerRole(s.database)}: runs ${s.name}'s migrations (CloudNativePG sets the role's password from it)`,
      },
      {
        name: pgSecret(s, 'app'),
        type: 'kubernetes.io/basic-auth',
        keys: ['username', 'password'],
        purpose: `${appRole(s.database)}: what ${s.name} connects as`,
      },
    ]),
    { name: 'tjc-redis', type: 'Opaque', keys: ['password'], purpose: 'Redis requirepass; the services build REDIS_URL from it' },
    {
      name: 'tjc-audit',
      type: 'Opaque',
      keys: ['checkpoint-key'],
      purpose: 'AUDIT_CHECKPOINT_KEY, signs the audit chain checkpoints (ADR 0012), at least 32 characters',
    },
    {
      name: 'tjc-partner-secrets',
      type: 'Opaque',
      keys: ['PARTNER_SECRETS'],
      purpose: 'the partners\' signing secrets, JSON {"<partner>": ["whsec_…"]} (docs/partners.md §1)',
    },
    {
      name: 'tjc-tls',
      type: 'kubernetes.io/tls',
      keys: ['tls.crt', 'tls.key'],
      purpose: 'the ingress certificate of the console and partner hosts (e.g. from cert-manager)',
    },
  ];
}

/**
 * DEVELOPMENT ONLY: sample Secrets for a throw-away cluster, with values anyone can read in
 * this repository. Written to examples/, never to rendered/; docs/deploy.md says how to make real ones.
 */
export function developmentSecrets(overlay: Overlay, platformServices: readonly PlatformService[] = readServicesConf()): K8sObject[] {
  const sample = (label: string): string => `dev-only-not-secret-${label}`.padEnd(40, '0');
  const whsec = (partner: string): string => `whsec_${Buffer.from(`dev-only-${partner}`.padEnd(32, '0').slice(0, 32)).toString('base64')}`;
  return secretCatalogue(platformServices)
    .filter((s) => s.type !== 'kubernetes.io/tls')
    .map((s) => {
      const role = s.purpose.split(':')[0]!;
      const values: Record<string, string> = {};
      for (const key of s.keys) {
        if (key === 'username') values[key] = role;
        else if (key === 'PARTNER_SECRETS') values[key] = JSON.stringify(Object.fromEntries(PARTNERS.map((p) => [p, [whsec(p)]])));
        else values[key] = sample(s.name.replace(/^tjc-/, ''));
      }
      return {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: s.name, namespace: overlay.namespace, labels: { 'app.kubernetes.io/part-of': PART_OF, 'tjc.platform/example': 'development-only' } },
        type: s.type,
        stringData: values,
      };
    });
}
