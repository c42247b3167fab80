/**
 * A small reader of the Prometheus text format (what every service serves at
 * /metrics), enough for the ops view: samples with labels, summed by label.
 */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function unescape(v: string): string {
  return v.replace(/\\(["\\n])/g, (_m, c: string) => (c === 'n' ? '\n' : c));
}

export function parsePrometheus(text: string): Sample[] {
  const out: Sample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m) continue;
    const [, name = '', labelText = '', valueText = ''] = m;
    const value = valueText === '+Inf' ? Infinity : valueText === '-Inf' ? -Infinity : Number(valueText);
    if (Number.isNaN(value)) continue;
    const labels: Record<string, string> = {};
    for (const l of labelText.matchAll(LABEL)) labels[l[1] ?? ''] = unescape(l[2] ?? '');
    out.push({ name, labels, value });
  }
  return out;
}

/** Sums the samples of one metric by the values of `by` (e.g. per topic). */
export function sumBy(samples: readonly Sample[], name: string, by: string, where: (labels: Readonly<Record<string, string>>) => boolean = () => true): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of samples) {
    if (s.name !== name || !where(s.labels)) continue;
    const key = s.labels[by] ?? '';
    out.set(key, (out.get(key) ?? 0) + s.value);
  }
  return out;
}

export interface TopicThroughput {
  readonly topic: string;
  readonly consumed: number;
  readonly failed: number;
  readonly deadLettered: number;
  readonly lag: number;
}

/** Per topic: events processed, failed attempts, dead letters, and the lag summed over partitions. */
export function throughputByTopic(samples: readonly Sample[]): TopicThroughput[] {
  const consumed = sumBy(samples, 'tjc_events_consumed_total', 'topic');
  const failed = sumBy(samples, 'tjc_events_failed_total', 'topic');
  const dead = sumBy(samples, 'tjc_events_dead_lettered_total', 'topic');
  const lag = sumBy(samples, 'tjc_consumer_lag', 'topic');
  const topics = new Set([...consumed.keys(), ...failed.keys(), ...dead.keys(), ...lag.keys()]);
  return [...topics]
    .filter((t) => t !== '')
    .sort()
    .map((topic) => ({ topic, consumed: consumed.get(topic) ?? 0, failed: failed.get(topic) ?? 0, deadLettered: dead.get(topic) ?? 0, lag: lag.get(topic) ?? 0 }));
}

export function metricTotal(samples: readonly Sample[], name: string): number {
  return samples.filter((s) => s.name === name).reduce((a, s) => a + s.value, 0);
}
