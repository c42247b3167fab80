/**
 * The two overlays. The base (src/render.ts) is the same for both; an overlay only sets
 * what differs between a developer's cluster and the center's. Secrets are in neither:
 * they are referenced by name and key (docs/deploy.md, "Secrets").
 */
export interface Overlay {
  readonly name: 'development' | 'production';
  readonly namespace: string;
  /** Image of a service: `${registry}/${name}:${tag}` (images are built per release, docs/deploy.md). */
  readonly registry: string;
  readonly tag: string;
  readonly nodeEnv: 'development' | 'production';
  readonly logLevel: string;
  /** Fewest replicas of each service (the HPA's minReplicas; the PDB keeps one up when it is 2 or more). */
  readonly minReplicas: number;
  readonly kafka: { readonly storage: { readonly type: 'ephemeral' } | { readonly type: 'persistent-claim'; readonly size: string; readonly class?: string } };
  readonly postgres: { readonly instances: number; readonly storage: string };
  readonly redis: { readonly storage: string };
  /** The center's OpenID Provider (the services' AUTH_OIDC_ISSUER, the console's sign-in). */
  readonly oidcIssuer: string;
  /** Host names the ingress serves: the console, and the partner gateway's API. */
  readonly consoleHost: string;
  readonly partnerHost: string;
  readonly ingressClass: string;
  /** OTLP/HTTP endpoint of the tracing collector, and the namespace it runs in (for the NetworkPolicy). */
  readonly otlp: { readonly endpoint: string; readonly namespace: string };
  /** Namespace of Prometheus (scrapes /metrics) and of the ingress controller (reaches the console and the gateway). */
  readonly prometheusNamespace: string;
  readonly ingressNamespace: string;
}

export const OVERLAYS: Readonly<Record<Overlay['name'], Overlay>> = {
  development: {
    name: 'development',
    namespace: 'tjc-dev',
    registry: 'localhost:5000/tjc',
    tag: 'dev',
    nodeEnv: 'development',
    logLevel: 'debug',
    minReplicas: 1,
    kafka: { storage: { type: 'ephemeral' } },
    postgres: { instances: 1, storage: '2Gi' },
    redis: { storage: '1Gi' },
    oidcIssuer: 'http://oidc.tjc-dev.svc.cluster.local:3107',
    consoleHost: 'console.tjc.localhost',
    partnerHost: 'partners.tjc.localhost',
    ingressClass: 'nginx',
    otlp: { endpoint: 'http://otel-collector.observability.svc.cluster.local:4318', namespace: 'observability' },
    prometheusNamespace: 'monitoring',
    ingressNamespace: 'ingress-nginx',
  },
  production: {
    name: 'production',
    namespace: 'tjc',
    registry: 'registry.tjc.example/tjc',
    tag: '1.0.0',
    nodeEnv: 'production',
    logLevel: 'info',
    minReplicas: 2,
    kafka: { storage: { type: 'persistent-claim', size: '100Gi' } },
    postgres: { instances: 3, storage: '50Gi' },
    redis: { storage: '5Gi' },
    oidcIssuer: 'https://sso.tjc.example/realms/tjc',
    consoleHost: 'console.tjc.example',
    partnerHost: 'partners.tjc.example',
    ingressClass: 'nginx',
    otlp: { endpoint: 'http://otel-collector.observability.svc.cluster.local:4318', namespace: 'observability' },
    prometheusNamespace: 'monitoring',
    ingressNamespace: 'ingress-nginx',
  },
};
