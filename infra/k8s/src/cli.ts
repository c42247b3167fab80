/**
 * pnpm k8s:render            writes infra/k8s/rendered/<overlay>/*.yaml (committed; the unit test checks they are current)
 * pnpm k8s:check             validates a fresh render and says whether rendered/ is current, without writing
 * pnpm k8s:sizing [bench]    writes sizing.json from a benchmark's e2e/results/bench.json (memory.rss.peak.<service>)
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { OVERLAYS } from './overlays';
import { REPO_ROOT, type Sizing } from './platform';
import { developmentSecrets, render } from './render';
import { ManifestValidator } from './validate';
import { toYaml } from './yaml';

export const RENDERED = join(__dirname, '..', 'rendered');
export const DEV_SECRETS_EXAMPLE = join(__dirname, '..', 'examples', 'development-secrets.example.yaml');

/** The development-only sample Secrets (examples/), with a header no reader can miss. */
export function renderDevSecrets(): string {
  const header = [
    '# DEVELOPMENT ONLY. Sample Secrets for a throw-away cluster: every value here is public (it is in git).',
    '# Never apply this file to the production namespace; create the real Secrets as docs/deploy.md "Secrets" says.',
    '# Rendered by `pnpm k8s:render` (infra/k8s/src/render.ts developmentSecrets).',
  ].join('\n');
  return `${header}\n${toYaml(developmentSecrets(OVERLAYS.development), 'development').split('\n').slice(1).join('\n')}`;
}

/** Every rendered file of every overlay: path under rendered/ → its text. */
export function renderAll(): Map<string, string> {
  const out = new Map<string, string>();
  for (const overlay of Object.values(OVERLAYS)) {
    for (const file of render(overlay)) out.set(`${overlay.name}/${file.file}`, toYaml(file.objects, overlay.name));
  }
  return out;
}

/** rendered/ as committed: path → text. */
export function readRendered(dir: string = RENDERED): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  for (const overlay of readdirSync(dir).sort()) {
    for (const file of readdirSync(join(dir, overlay)).sort()) out.set(`${overlay}/${file}`, readFileSync(join(dir, overlay, file), 'utf8'));
  }
  return out;
}

function validateAll(): string[] {
  const validator = new ManifestValidator();
  return Object.values(OVERLAYS).flatMap((overlay) =>
    render(overlay).flatMap((f) => f.objects.flatMap((o) => validator.problems(o).map((p) => `${overlay.name}/${f.file}: ${p}`))),
  );
}

function sizingFrom(benchFile: string): Sizing {
  const bench = JSON.parse(readFileSync(benchFile, 'utf8')) as { figures?: Record<string, { value: number; unit: string }>; run?: { startedAt?: string } };
  const peakRssMiB: Record<string, number> = {};
  for (const [name, figure] of Object.entries(bench.figures ?? {})) {
    const m = /^memory\.rss\.peak\.(.+)$/.exec(name);
    if (m && m[1] !== 'max' && figure.unit === 'MiB') peakRssMiB[m[1]!] = Math.ceil(figure.value);
  }
  if (!Object.keys(peakRssMiB).length) throw new Error(`${benchFile}: no memory.rss.peak.<service> figures (run pnpm bench first)`);
  const previous = JSON.parse(readFileSync(join(__dirname, '..', 'sizing.json'), 'utf8')) as Sizing;
  // The console is not part of the benchmark's stack: its figure stays as it was, and the source says so.
  const missing = Object.keys(previous.peakRssMiB).filter((k) => !(k in peakRssMiB));
  for (const k of missing) peakRssMiB[k] = previous.peakRssMiB[k]!;
  return {
    source: `e2e/results/bench.json of the run started ${bench.run?.startedAt ?? '(unknown)'}: memory.rss.peak.<service>${missing.length ? `; not measured there, kept from before: ${missing.join(', ')}` : ''}`,
    measured: true,
    peakRssMiB,
  };
}

function main(argv: readonly string[]): number {
  const [command, arg] = argv;
  if (command === 'render') {
    const problems = validateAll();
    if (problems.length) {
      process.stderr.write(`${problems.join('\n')}\n${problems.length} problem(s); nothing written\n`);
      return 1;
    }
    rmSync(RENDERED, { recursive: true, force: true });
    for (const [path, text] of renderAll()) {
      mkdirSync(join(RENDERED, path, '..'), { recursive: true });
      writeFileSync(join(RENDERED, path), text);
    }
    mkdirSync(join(DEV_SECRETS_EXAMPLE, '..'), { recursive: true });
    writeFileSync(DEV_SECRETS_EXAMPLE, renderDevSecrets());
    process.stdout.write(`rendered ${renderAll().size} files into ${RENDERED}, every object valid\n`);
    return 0;
  }
  if (command === 'check') {
    const problems = validateAll();
    const fresh = renderAll();
    const committed = readRendered();
    const stale = [...new Set([...fresh.keys(), ...committed.keys()])].filter((k) => fresh.get(k) !== committed.get(k));
    if (!existsSync(DEV_SECRETS_EXAMPLE) || readFileSync(DEV_SECRETS_EXAMPLE, 'utf8') !== renderDevSecrets())
      stale.push('examples/development-secrets.example.yaml');
    if (stale.length) problems.push(`rendered/ is not current (${stale.join(', ')}): run pnpm k8s:render`);
    process.stdout.write(problems.length ? `${problems.join('\n')}\n` : 'every rendered object valid; rendered/ is current\n');
    return problems.length ? 1 : 0;
  }
  if (command === 'sizing') {
    const sizing = sizingFrom(arg ?? join(REPO_ROOT, 'e2e', 'results', 'bench.json'));
    writeFileSync(join(__dirname, '..', 'sizing.json'), `${JSON.stringify(sizing, null, 2)}\n`);
    process.stdout.write(`sizing.json: ${JSON.stringify(sizing.peakRssMiB)}; now run pnpm k8s:render\n`);
    return 0;
  }
  process.stderr.write('usage: cli.ts render | check | sizing [bench.json]\n');
  return 2;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
