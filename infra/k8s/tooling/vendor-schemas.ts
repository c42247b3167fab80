/**
 * Vendors the schemas the manifests are validated against (infra/k8s/schemas/), so the
 * check runs offline in CI. Run it only to move to another Kubernetes, Strimzi or
 * CloudNativePG release; say the new sources in schemas/SOURCES.md.
 *
 *   pnpm --filter @tjc/k8s run vendor-schemas -- <sources dir>
 *
 * <sources dir> holds, unchanged from their repositories:
 *   k8s-swagger.json           Kubernetes' OpenAPI v2 document (api/openapi-spec/swagger.json of the release)
 *   040-Crd-kafka.yaml …       Strimzi's packaging/install/cluster-operator CRDs
 *   cnpg-clusters.yaml …       CloudNativePG's config/crd/bases CRDs
 *
 * What is changed, and only this: descriptions are dropped (they are most of the bytes and
 * validate nothing), and of Kubernetes' ~770 definitions only those reachable from the
 * kinds the manifests use are kept. Every type, property, required list, enum, pattern,
 * bound and x-kubernetes-* marker is kept as published; strictness (unknown fields are
 * errors) is applied when the validator loads them (src/validate.ts), not here.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/** The Kubernetes kinds the manifests use (src/render.ts); their definitions and all they reference are kept. */
export const KUBERNETES_ROOTS = [
  'io.k8s.api.core.v1.ConfigMap',
  'io.k8s.api.core.v1.Secret',
  'io.k8s.api.core.v1.Service',
  'io.k8s.api.core.v1.ServiceAccount',
  'io.k8s.api.core.v1.Namespace',
  'io.k8s.api.apps.v1.Deployment',
  'io.k8s.api.apps.v1.StatefulSet',
  'io.k8s.api.batch.v1.Job',
  'io.k8s.api.policy.v1.PodDisruptionBudget',
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler',
  'io.k8s.api.networking.v1.NetworkPolicy',
  'io.k8s.api.networking.v1.Ingress',
];

const CRDS: ReadonlyArray<{ file: string; out: string }> = [
  { file: '040-Crd-kafka.yaml', out: 'strimzi/kafka.json' },
  { file: '043-Crd-kafkatopic.yaml', out: 'strimzi/kafkatopic.json' },
  { file: '044-Crd-kafkauser.yaml', out: 'strimzi/kafkauser.json' },
  { file: '045-Crd-kafkanodepool.yaml', out: 'strimzi/kafkanodepool.json' },
  { file: 'cnpg-clusters.yaml', out: 'cnpg/cluster.json' },
  { file: 'cnpg-databases.yaml', out: 'cnpg/database.json' },
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Drops `description` keywords (never a property named description: those sit under `properties`). */
function stripDescriptions(value: Json, underProperties = false): Json {
  if (Array.isArray(value)) return value.map((v) => stripDescriptions(v));
  if (!isObject(value)) return value;
  const out: { [key: string]: Json } = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'description' && !underProperties && typeof child === 'string') continue;
    out[key] = stripDescriptions(child, key === 'properties' || key === 'patternProperties' || key === 'definitions');
  }
  return out;
}

function refsOf(value: Json, into: Set<string>): void {
  if (Array.isArray(value)) value.forEach((v) => refsOf(v, into));
  else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') into.add(child.replace('#/definitions/', ''));
      else refsOf(child, into);
    }
  }
}

function vendorKubernetes(sources: string, outDir: string): number {
  const doc = JSON.parse(readFileSync(join(sources, 'k8s-swagger.json'), 'utf8')) as { definitions: Record<string, Json> };
  const keep = new Set<string>();
  const queue = KUBERNETES_ROOTS.filter((name) => name in doc.definitions);
  while (queue.length) {
    const name = queue.pop()!;
    if (keep.has(name)) continue;
    keep.add(name);
    const refs = new Set<string>();
    refsOf(doc.definitions[name]!, refs);
    queue.push(...[...refs].filter((r) => !keep.has(r)));
  }
  const definitions: Record<string, Json> = {};
  for (const name of [...keep].sort()) definitions[name] = stripDescriptions(doc.definitions[name]!);
  writeFileSync(join(outDir, 'kubernetes.json'), `${JSON.stringify({ definitions }, null, 1)}\n`);
  return keep.size;
}

function vendorCrd(sources: string, outDir: string, file: string, out: string): void {
  const crd = parse(readFileSync(join(sources, file), 'utf8')) as {
    spec: { group: string; names: { kind: string }; versions: Array<{ name: string; served: boolean; schema: { openAPIV3Schema: Json } }> };
  };
  const versions: Record<string, Json> = {};
  for (const v of crd.spec.versions) if (v.served) versions[v.name] = stripDescriptions(v.schema.openAPIV3Schema);
  mkdirSync(join(outDir, out, '..'), { recursive: true });
  writeFileSync(join(outDir, out), `${JSON.stringify({ group: crd.spec.group, kind: crd.spec.names.kind, versions }, null, 1)}\n`);
}

function main(): void {
  const sources = process.argv[2];
  if (!sources) throw new Error('usage: vendor-schemas <sources dir> (see the comment at the top of tooling/vendor-schemas.ts)');
  const outDir = resolve(__dirname, '..', 'schemas');
  mkdirSync(outDir, { recursive: true });
  const count = vendorKubernetes(sources, outDir);
  for (const { file, out } of CRDS) vendorCrd(sources, outDir, file, out);
  process.stdout.write(`vendored ${count} Kubernetes definitions and ${CRDS.length} CRDs into ${outDir}\n`);
}

main();
