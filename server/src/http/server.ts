import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ERROR_DEFINITIONS, type ErrorCode } from '@qiaodu/shared';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

function rawErrorResponse(code: ErrorCode): string {
  const { status, message } = ERROR_DEFINITIONS[code];
  const body = JSON.stringify({ error: { code, message } });
  return (
    `HTTP/1.1 ${status} ${code}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}

const CLIENT_ERROR_CODES: Record<string, ErrorCode> = {
  HPE_HEADER_OVERFLOW: 'HEADERS_TOO_LARGE',
  ERR_HTTP_REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
};

/**
 * The HTTP server around the Koa app. Requests that Node's parser rejects before Koa sees
 * them (a 1 MB query string overflows the header limit) still get our JSON error body.
 */
export function createHttpServer(listener: RequestListener): Server {
  const server = createServer({ maxHeaderSize: 32 * 1024 }, listener);
  // Behind a load balancer the idle timeout must outlast the balancer's (commonly 60 s).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex & { bytesWritten?: number }) => {
    // As Node's own handler: answer only on a socket that is open and has not begun an answer.
    if (error.code === 'ECONNRESET' || !socket.writable || (socket.bytesWritten ?? 0) > 0) {
      socket.destroy();
      return;
    }
    socket.end(rawErrorResponse(CLIENT_ERROR_CODES[error.code ?? ''] ?? 'BAD_REQUEST'));
  });
  return server;
}

/** Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes the rest. */
export async function closeGracefully(server: Server, graceMs: number): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
