/**
 * Where the running platform is: the ports of infra/services.conf, so the
 * end-to-end, fault and benchmark suites address the same processes that
 * `./platform up` starts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface ServiceAddress {
  readonly name: string;
  readonly port: number;
  readonly database: string;
  readonly url: string;
}

export function platformServices(root = path.join(__dirname, '..', '..')): ServiceAddress[] {
  return readFileSync(path.join(root, 'infra', 'services.conf'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [name, port, database] = line.split(/\s+/);
      return { name: name!, port: Number(port), database: database!, url: `http://127.0.0.1:${port}` };
    });
}
