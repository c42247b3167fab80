/**
 * Refusals that ordinary HTTP clients can read (ADR 0010).
 *
 * A server that answers before it has read the whole request and then closes
 * the connection makes the kernel reset it (unread bytes in the receive
 * buffer turn a close into a TCP RST). A client still writing its body sees
 * EPIPE/ECONNRESET, and the refusal it was sent is lost with the connection:
 * Node's fetch reports "fetch failed", curl "Connection reset by peer".
 * Fastify does exactly this for a body over the limit (413 + `connection:
 * close`) and Node for a request head over 16 KiB (431, then destroy).
 *
 * The platform therefore reads, and throws away, what the client is still
 * sending before it answers — up to a bound, because reading an unlimited
 * body for a refusal would be a denial-of-service lever:
 *  - any answer sent while the request body is still arriving waits in an
 *    onSend hook until the body has been drained (at most `drainBytes`
 *    more, for at most `drainMs`);
 *  - a malformed or oversized request head is answered, the write side is
 *    closed (FIN), and what still arrives is read and discarded within the
 *    same bounds before the socket is destroyed (a lingering close, as
 *    Apache and nginx do).
 * Past either bound the connection is cut as before: only a client sending
 * far more than any API accepts can then miss its refusal.
 */
import type { Socket } from 'node:net';
import type { IncomingMessage } from 'node:http';

export interface RefusalBounds {
  /** Most bytes read and discarded after a refusal (default 16 MiB). */
  readonly drainBytes: number;
  /** Longest time spent reading them (default 10 s). */
  readonly drainMs: number;
}

export const DEFAULT_REFUSAL_BOUNDS: RefusalBounds = { drainBytes: 16 * 1024 * 1024, drainMs: 10_000 };

/**
 * Reads and discards the rest of a request body. Resolves true once it has
 * ended, false when a bound was reached first (the caller then closes the
 * connection: the stream position is somewhere inside the body).
 */
export function drainRequest(req: IncomingMessage, bounds: RefusalBounds = DEFAULT_REFUSAL_BOUNDS): Promise<boolean> {
  if (req.complete || req.readableEnded || req.destroyed) return Promise.resolve(req.complete || req.readableEnded);
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (ended: boolean) => {
      clearTimeout(timer);
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', onError);
      req.removeListener('close', onClose);
      resolve(ended);
    };
    const onData = (chunk: Buffer | string) => {
      seen += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (seen > bounds.drainBytes) finish(false);
    };
    const onEnd = () => finish(true);
    const onError = () => finish(false);
    const onClose = () => finish(req.complete);
    const timer = setTimeout(() => finish(false), bounds.drainMs);
    timer.unref();
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onError);
    req.once('close', onClose);
    req.resume();
  });
}

/** The parts of a Fastify instance the hook needs (the runtime does not depend on Fastify's types). */
export interface OnSendHost {
  addHook(
    name: 'onSend',
    hook: (request: { raw: IncomingMessage }, reply: { header(name: string, value: string): unknown }, payload: unknown) => Promise<unknown>,
  ): unknown;
}

/**
 * Installs the drain-before-answering hook. Answers sent after the body was
 * read (nearly all of them) pass through untouched.
 */
export function drainBeforeAnswering(fastify: OnSendHost, bounds: RefusalBounds = DEFAULT_REFUSAL_BOUNDS): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.raw.complete || request.raw.readableEnded) return payload;
    const drained = await drainRequest(request.raw, bounds);
    // Past the bound the rest of the body is still on the wire: this connection cannot carry another request.
    if (!drained) reply.header('connection', 'close');
    return payload;
  });
}

const REASONS: Readonly<Record<number, string>> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/** What a malformed request is answered, in the platform's problem shape, Chinese first. */
function clientErrorAnswer(code: string | undefined): { status: number; body: string } {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, body: JSON.stringify({ statusCode: 431, error: REASONS[431], code: 'header_too_large', message: '请求头（含 URL）超过 16 KiB / the request head (URL included) is over 16 KiB' }) };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'ERR_HTTP_HEADERS_TIMEOUT') {
    return { status: 408, body: JSON.stringify({ statusCode: 408, error: REASONS[408], code: 'request_timeout', message: '请求未在时限内发完 / the request was not received in time' }) };
  }
  return { status: 400, body: JSON.stringify({ statusCode: 400, error: REASONS[400], code: 'malformed_request', message: 'HTTP 请求格式错误 / the HTTP request is malformed' }) };
}

const answered = new WeakSet<Socket>();

/**
 * Fastify's `clientErrorHandler`: answers a request Node's HTTP parser
 * refused (head too large, malformed, timed out), then closes with a
 * lingering close instead of destroying the socket under the client.
 */
export function lingeringClientErrorHandler(bounds: RefusalBounds = DEFAULT_REFUSAL_BOUNDS): (error: Error & { code?: string }, socket: Socket) => void {
  return (error, socket) => {
    // A reset connection has nobody left to answer; a second parser error on the same socket is ours already.
    if (error.code === 'ECONNRESET' || socket.destroyed || answered.has(socket)) return;
    answered.add(socket);
    const { status, body } = clientErrorAnswer(error.code);
    // Node's server would feed what still arrives to its (failed) parser: read it ourselves instead.
    socket.removeAllListeners('data');
    let seen = 0;
    socket.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > bounds.drainBytes) socket.destroy();
    });
    socket.on('error', () => socket.destroy());
    socket.once('end', () => socket.destroy());
    setTimeout(() => socket.destroy(), bounds.drainMs).unref();
    if (socket.writable) {
      socket.end(
        `HTTP/1.1 ${status} ${REASONS[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.resume();
  };
}
