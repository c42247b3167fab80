/**
 * The Grafana dashboards in infra/grafana/dashboards against what the platform
 * exports (no Grafana, no Prometheus server): every query is valid PromQL
 * (promtool, which ./platform test installs before the unit stage), reads only
 * metrics some service registers, and groups or filters only by labels those
 * metrics carry. A renamed metric or label breaks this test, not a dashboard
 * nobody opens until an incident.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.join(__dirname, '..', '..', '..', '..');
const dashboardsDir = path.join(root, 'infra', 'grafana', 'dashboards');

interface Target {
  readonly expr: string;
}
interface Panel {
  readonly title: string;
  readonly targets?: readonly Target[];
  readonly datasource?: { readonly uid: string };
}
interface Dashboard {
  readonly uid: string;
  readonly title: string;
  readonly panels: readonly Panel[];
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' || name === 'generated' || name === 'dist' ? [] : sources(full);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [full] : [];
  });
}

/** Every prom-client metric the code registers, with its label names (`name: '…'` … `labelNames: [...]`). */
export function registeredMetrics(files: readonly string[]): Map<string, Set<string>> {
  const metrics = new Map<string, Set<string>>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/new (?:Counter|Gauge|Histogram|Summary)(?:<[^>]*>)?\(\{([\s\S]*?)\}\)/g)) {
      const body = m[1]!;
      const name = /name: '([a-z_:][a-z0-9_:]*)'/.exec(body)?.[1];
      if (name === undefined) continue;
      const labels = /labelNames: \[([^\]]*)\]/.exec(body)?.[1] ?? '';
      metrics.set(name, new Set([...labels.matchAll(/'([a-z_]+)'/g)].map((l) => l[1]!)));
    }
    // The runtime's metric table (packages/runtime/src/telemetry/metrics.ts) declares them as `{ name, help, labelNames }` objects.
    for (const m of text.matchAll(/name: '(tjc_[a-z0-9_]+|http_server_[a-z0-9_]+)',[\s\S]*?labelNames: \[([^\]]*)\]/g)) {
      if (!metrics.has(m[1]!)) metrics.set(m[1]!, new Set([...m[2]!.matchAll(/'([a-z_]+)'/g)].map((l) => l[1]!)));
    }
  }
  return metrics;
}

// Every series also carries the registry's default label and the scrape's.
const ALWAYS = new Set(['service', 'job', 'instance']);
const HISTOGRAM_SUFFIX = /_(bucket|sum|count)$/;
const PROMQL_WORDS = new Set(['sum', 'by', 'without', 'rate', 'increase', 'histogram_quantile', 'min', 'max', 'avg', 'count', 'label_values', 'and', 'or', 'unless', 'on', 'ignoring']);

/** The metrics a query reads and the labels it names, each with the metric it applies to (the query's only metric when it groups). */
export function problemsOf(expr: string, metrics: Map<string, Set<string>>): string[] {
  const problems: string[] = [];
  // What is left once strings, selectors, ranges and grouping clauses are cut out: metric names, functions, keywords.
  const bare = expr
    .replace(/"[^"]*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring) \([^)]*\)/g, ' ');
  const read = [...bare.matchAll(/\b([a-z_][a-z0-9_:]*)\b(?!\s*\()/g)].map((m) => m[1]!).filter((n) => !PROMQL_WORDS.has(n));
  const names = [...new Set(read)];
  const labelsOf = (n: string): Set<string> | undefined => {
    if (n === 'up') return new Set();
    const base = metrics.get(n) ?? metrics.get(n.replace(HISTOGRAM_SUFFIX, ''));
    return base && new Set([...base, ...(n.endsWith('_bucket') ? ['le'] : [])]);
  };
  for (const n of names) if (labelsOf(n) === undefined) problems.push(`${n}: no service registers this metric`);
  const used = [
    ...[...expr.matchAll(/\{([^}]*)\}/g)].flatMap((m) => [...m[1]!.matchAll(/([a-z_]+)\s*(=~|!=|!~|=)/g)].map((l) => l[1]!)),
    ...[...expr.matchAll(/\bby \(([^)]*)\)/g)].flatMap((m) => m[1]!.split(',').map((l) => l.trim())),
  ];
  for (const label of new Set(used)) {
    if (ALWAYS.has(label) || label === 'le') continue;
    if (!names.some((n) => labelsOf(n)?.has(label))) problems.push(`label ${label}: none of ${names.join(', ')} carries it`);
  }
  return problems;
}

const files = readdirSync(dashboardsDir).filter((f) => f.endsWith('.json'));
const dashboards = files.map((f) => ({ file: f, dashboard: JSON.parse(readFileSync(path.join(dashboardsDir, f), 'utf8')) as Dashboard }));
const queries = dashboards.flatMap(({ file, dashboard }) => dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ where: `${file} › ${p.title}`, expr: t.expr }))));
const metrics = registeredMetrics([...sources(path.join(root, 'packages')), ...sources(path.join(root, 'services'))]);

describe('Grafana dashboards (infra/grafana/dashboards)', () => {
  it('has the overview, the per-service and the KPI pipeline dashboards, each with queries, on the provisioned datasource', () => {
    expect(dashboards.map((d) => d.dashboard.uid).sort()).toEqual(['tjc-kpi-pipeline', 'tjc-overview', 'tjc-service']);
    for (const { dashboard } of dashboards) {
      expect(dashboard.panels.length).toBeGreaterThan(5);
      for (const p of dashboard.panels) expect(p.datasource?.uid).toBe('prometheus');
    }
    const provisioned = readFileSync(path.join(root, 'infra', 'grafana', 'provisioning', 'datasources', 'prometheus.yml'), 'utf8');
    expect(provisioned).toMatch(/uid: prometheus\b/);
  });

  it('finds the registered metrics, and flags an unknown metric or label (the check can fail)', () => {
    expect(metrics.get('tjc_consumer_lag')).toEqual(new Set(['topic', 'partition', 'group']));
    expect(metrics.has('tjc_partner_events_total')).toBe(true);
    expect(problemsOf('sum by (service, group) (tjc_consumer_lag)', metrics)).toEqual([]);
    expect(problemsOf('sum by (route) (rate(tjc_no_such_total[5m]))', metrics)).toHaveLength(2);
    expect(problemsOf('sum by (partner) (tjc_consumer_lag)', metrics)).toEqual(['label partner: none of tjc_consumer_lag carries it']);
  });

  it.each(queries.map((q) => [q.where, q.expr]))('%s reads exported metrics and labels', (_where, expr) => {
    expect(problemsOf(expr, metrics)).toEqual([]);
  });

  it('is valid PromQL, every query (promtool check rules)', () => {
    const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
    if (promtool.error) {
      // ./platform test installs Prometheus before the unit stage, so CI always runs this; a bare `pnpm test` may not have it.
      if (process.env['CI'] === 'true') throw new Error('promtool is not installed (./platform test installs it: apt-get install -y prometheus)');
      console.warn('promtool not found: PromQL syntax not checked here (./platform test checks it)');
      return;
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'tjc-dashboards-'));
    try {
      const rules = ['groups:', '  - name: dashboards', '    rules:', ...queries.flatMap((q, i) => [`      - record: dashboard:query_${i}`, `        expr: ${JSON.stringify(q.expr.replaceAll('$service', 'kpi'))}`])];
      writeFileSync(path.join(dir, 'rules.yml'), `${rules.join('\n')}\n`);
      const check = spawnSync('promtool', ['check', 'rules', path.join(dir, 'rules.yml')], { encoding: 'utf8' });
      expect({ status: check.status, output: check.status === 0 ? '' : `${check.stdout}${check.stderr}` }).toEqual({ status: 0, output: '' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
