import { main } from './cli';

describe('tjc-prisma usage', () => {
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, (l) => out.push(l), (l) => err.push(l));
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('prints usage and exits 2 without a command', async () => {
    const sut = await run();
    expect(sut.code).toBe(2);
    expect(sut.out).toContain('tjc-prisma deploy');
  });

  it('exits 2 naming an unknown command or a missing flag', async () => {
    expect(await run('migrate')).toMatchObject({ code: 2, err: expect.stringContaining('unknown command migrate') });
    expect(await run('deploy', '--url', 'postgresql://h/db')).toMatchObject({
      code: 2,
      err: expect.stringContaining('missing --schema'),
    });
    expect(await run('deploy', '--bogus')).toMatchObject({ code: 2, err: expect.stringContaining("'--bogus'") });
  });

  it('exits 1 with the reason when the schema file does not exist', async () => {
    const sut = await run('drift', '--schema', '/nonexistent/schema.prisma', '--url', 'postgresql://h/db');
    expect(sut.code).toBe(1);
    expect(sut.err).toContain('ENOENT');
  });
});
