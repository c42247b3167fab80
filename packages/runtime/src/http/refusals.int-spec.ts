/**
 * Refusals that ordinary HTTP clients can read (ADR 0010), over real
 * loopback HTTP. Real: the platform's Fastify adapter and body handling
 * (platformHttpAdapter + configurePlatformHttp, as every service runs them)
 * under NestJS, Node's fetch (undici), curl, and Java's java.net.http client.
 * Faked: nothing; the app has one echo route instead of a service's routes.
 */
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configurePlatformHttp, JSON_BODY_LIMIT, platformHttpAdapter } from '../bootstrap';

const run = promisify(execFile);
jest.setTimeout(120_000);

@Controller()
class EchoController {
  @Post('echo')
  echo(@Body() body: unknown) {
    return { items: Array.isArray(body) ? body.length : -1 };
  }
  @Get('ping')
  ping() {
    return { ok: true };
  }
  @Get('items/:id')
  item(@Param('id') id: string) {
    return { length: id.length };
  }
}
@Module({ controllers: [EchoController] })
class EchoModule {}

/** `[` + spaces + `]`: valid JSON of any size, so only the size decides. */
function jsonOfSize(bytes: number): Buffer {
  const body = Buffer.alloc(bytes, ' ');
  body[0] = '['.charCodeAt(0);
  body[bytes - 1] = ']'.charCodeAt(0);
  return body;
}

// Over the limit, and written at a steady pace (about 20 MB/s, as over a real network): the client is still
// writing when a server that answers without reading closes the connection, so that server resets it every
// time, not only when the scheduler is unlucky (as with the fuzz's 1,258,305-byte body on loopback).
const OVER = 4 * 1024 * 1024;
const CHUNK = 64 * 1024;

/** The same body as a stream that yields a 64 KiB chunk every 3 ms. */
function pacedBody(bytes: number): { body: ReadableStream<Uint8Array>; sent: () => number } {
  const whole = jsonOfSize(bytes);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent >= bytes) return controller.close();
      await new Promise((r) => setTimeout(r, 3));
      const end = Math.min(bytes, sent + CHUNK);
      controller.enqueue(new Uint8Array(whole.subarray(sent, end)));
      sent = end;
    },
  });
  return { body, sent: () => sent };
}

const LONG_URL_PATH = `/ping?${'q'.repeat(20 * 1024)}`; // a head over Node's 16 KiB

describe('refusals ordinary HTTP clients can read (real HTTP: fetch, curl, Java)', () => {
  let sut: NestFastifyApplication;
  let base: string;
  let scratch: string;

  beforeAll(async () => {
    sut = await NestFactory.create<NestFastifyApplication>(EchoModule, platformHttpAdapter(), { logger: false, bodyParser: false });
    configurePlatformHttp(sut);
    await sut.listen({ port: 0, host: '127.0.0.1' });
    const address = sut.getHttpServer().address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    scratch = mkdtempSync(path.join(os.tmpdir(), 'refusals-'));
  });
  afterAll(async () => {
    await sut.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('accepts a body at the limit (the refusals below are about size only)', async () => {
    const res = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array(jsonOfSize(JSON_BODY_LIMIT)) });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ items: 0 });
  });

  describe('a body over the limit is answered 413, and the client reads the 413', () => {
    it('Node fetch, with a Content-Length', async () => {
      const { body, sent } = pacedBody(OVER);
      const res = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(OVER) }, body, duplex: 'half' } as RequestInit);
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ statusCode: 413 });
      expect(sent()).toBe(OVER); // the whole body went out: nothing cut the client off
    });

    it('Node fetch, chunked (no Content-Length: the limit is found while reading)', async () => {
      const { body, sent } = pacedBody(OVER);
      const res = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ statusCode: 413 });
      expect(sent()).toBe(OVER);
    });

    it('curl', async () => {
      const file = path.join(scratch, 'over.json');
      writeFileSync(file, jsonOfSize(OVER));
      const { stdout } = await run('curl', ['-sS', '--limit-rate', '20M', '-o', '-', '-w', '\n%{http_code}', '-H', 'content-type: application/json', '--data-binary', `@${file}`, `${base}/echo`]);
      const lines = stdout.trim().split('\n');
      expect(lines.at(-1)).toBe('413');
      expect(JSON.parse(lines[0]!)).toMatchObject({ statusCode: 413 });
    });

    it("Java's java.net.http.HttpClient", async () => {
      const { stdout } = await run('java', [path.join(__dirname, '..', '..', 'test', 'http-clients', 'RefusalClient.java'), 'post', `${base}/echo`, String(OVER)]);
      const [status, body] = stdout.trim().split('\n');
      expect(status).toBe('413');
      expect(JSON.parse(body!)).toMatchObject({ statusCode: 413 });
    });
  });

  describe('a request head over 16 KiB is answered 431, and the client reads the 431', () => {
    it('Node fetch', async () => {
      const res = await fetch(`${base}${LONG_URL_PATH}`);
      expect(res.status).toBe(431);
      expect(await res.json()).toMatchObject({ statusCode: 431, code: 'header_too_large' });
    });

    it('curl', async () => {
      const { stdout } = await run('curl', ['-sS', '-o', '-', '-w', '\n%{http_code}', `${base}${LONG_URL_PATH}`]);
      expect(stdout.trim().split('\n').at(-1)).toBe('431');
    });

    it("Java's java.net.http.HttpClient", async () => {
      const { stdout } = await run('java', [path.join(__dirname, '..', '..', 'test', 'http-clients', 'RefusalClient.java'), 'get', `${base}${LONG_URL_PATH}`]);
      expect(stdout.trim().split('\n')[0]).toBe('431');
    });
  });

  it('takes path ids up to 256 characters (contract ids are up to 128; the router default of 100 answered 414)', async () => {
    const res = await fetch(`${base}/items/${'x'.repeat(256)}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ length: 256 });
  });

  it('refuses a JSON body that is not UTF-8 with a 400 naming the byte, instead of storing U+FFFD (#18.16)', async () => {
    const body = Buffer.concat([Buffer.from('["天开', 'utf8'), Buffer.from([0xe5, 0x27]), Buffer.from('"]', 'utf8')]);
    const res = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array(body) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(expect.objectContaining({ statusCode: 400, message: expect.stringContaining('not valid UTF-8 (byte 8)') }));
    // The same text in UTF-8 is taken.
    const ok = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(['天开园']) });
    expect(ok.status).toBe(201);
  });

  it('keeps serving after every refusal', async () => {
    const res = await fetch(`${base}/ping`);
    expect(res.status).toBe(200);
  });
});
