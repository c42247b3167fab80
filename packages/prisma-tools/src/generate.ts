import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * What PRISMA_SCHEMA_ENGINE_BINARY points at. `prisma generate` never runs
 * the schema engine, but the CLI insists on having its binary and otherwise
 * downloads it from Prisma's host (unreachable here). Any existing file
 * satisfies the check; this shipped script explains itself if run.
 * Same path from src/ and dist/.
 */
export function schemaEnginePlaceholderPath(): string {
  return path.join(__dirname, '..', 'bin', 'schema-engine-unavailable');
}

/** Environment for any `prisma` CLI call that must not touch the network. */
export function offlinePrismaEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    PRISMA_SCHEMA_ENGINE_BINARY: base['PRISMA_SCHEMA_ENGINE_BINARY'] ?? schemaEnginePlaceholderPath(),
    // No update check or telemetry ping.
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  };
}

export function prismaCliPath(): string {
  return require.resolve('prisma/build/index.js');
}

export interface GenerateOptions {
  schemaPath: string;
  /** prisma.config.ts, if the project has one. */
  configPath?: string;
  cwd?: string;
  /** Where the CLI's output goes; 'inherit' by default. */
  stdio?: 'inherit' | 'pipe';
}

export interface GenerateResult {
  exitCode: number;
  output: string;
}

/** `prisma generate` with the placeholder engine binary, so it never downloads. */
export function generatePrismaClient(options: GenerateOptions): Promise<GenerateResult> {
  const args = [prismaCliPath(), 'generate', '--schema', path.resolve(options.schemaPath)];
  if (options.configPath !== undefined) args.push('--config', path.resolve(options.configPath));
  const stdio = options.stdio ?? 'inherit';
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: options.cwd ?? process.cwd(),
      env: offlinePrismaEnv(),
      stdio: stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code ?? 1, output }));
  });
}
