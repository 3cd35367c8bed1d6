import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A server listening on 127.0.0.1: its address, and how to stop it at once. */
export interface LoopbackListener {
  url: string;
  /** Ends the open connections (keep-alive ones too) rather than waiting for them, then closes the server. */
  close(): Promise<void>;
}

/**
 * Listens on a free port of 127.0.0.1, keeping track of the open sockets so that close() does not
 * wait on idle keep-alive connections. For the simulators (WeChat Pay's, WeChat login's in tests),
 * which are stopped many times a run.
 */
export async function listenOnLoopback(server: Server): Promise<LoopbackListener> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
