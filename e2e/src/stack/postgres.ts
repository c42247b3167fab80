/**
 * A private PostgreSQL cluster (initdb into a scratch folder, its own port),
 * so the fault suite can really stop and start the database server under
 * load without touching the machine's shared PostgreSQL on 5432.
 *
 * PostgreSQL refuses to run as root; when we are root (CI, this machine) the
 * server runs as the `postgres` system user through runuser.
 */
import { chmodSync, chownSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { run, sleep, waitForPort } from './processes';

function binDir(): string {
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    const debian = '/usr/lib/postgresql';
    if (existsSync(debian)) {
      const versions = execFileSync('ls', [debian], { encoding: 'utf8' }).split('\n').filter(Boolean).sort((a, b) => Number(b) - Number(a));
      if (versions[0]) return path.join(debian, versions[0], 'bin');
    }
    throw new Error('PostgreSQL server binaries not found (pg_config --bindir, /usr/lib/postgresql/*/bin)');
  }
}

export class PrivatePostgres {
  private readonly bin = binDir();
  private readonly asRoot = process.getuid?.() === 0;

  constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  url(database: string): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  private tool(name: string, args: string[]): Promise<string> {
    const exe = path.join(this.bin, name);
    return this.asRoot ? run('runuser', ['-u', 'postgres', '--', exe, ...args]) : run(exe, args);
  }

  /** initdb on first use (trust auth on loopback only), then start and wait until it accepts connections. */
  async start(): Promise<void> {
    const data = path.join(this.dir, 'data');
    if (!existsSync(path.join(data, 'PG_VERSION'))) {
      rmSync(data, { recursive: true, force: true });
      mkdirSync(data, { recursive: true });
      if (this.asRoot) {
        // The server runs as `postgres`: it must be able to traverse the stack's
        // folder, which a restrictive umask (e.g. 077 in CI shells) makes root-only.
        chmodSync(path.dirname(this.dir), 0o755);
        const { uid, gid } = postgresUser();
        chownSync(this.dir, uid, gid);
        chownSync(data, uid, gid);
      }
      await this.tool('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    }
    await this.tool('pg_ctl', [
      '-D', data, '-l', path.join(this.dir, 'server.log'), '-w', '-t', '60',
      // A scratch server: no fsync (speed), enough connections for six services and the suites.
      '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`,
      'start',
    ]);
    await waitForPort(this.port, 30_000);
  }

  /** Stops the server: `fast` disconnects clients and shuts down cleanly, `immediate` is the crash-like stop. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    const data = path.join(this.dir, 'data');
    if (!existsSync(path.join(data, 'postmaster.pid'))) return;
    await this.tool('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']).catch(async (error: unknown) => {
      await sleep(500);
      if (existsSync(path.join(data, 'postmaster.pid'))) throw error;
    });
  }

  /** Stops the server and deletes the cluster. */
  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function postgresUser(): { uid: number; gid: number } {
  const line = execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).split(':');
  return { uid: Number(line[2]), gid: Number(line[3]) };
}

export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
