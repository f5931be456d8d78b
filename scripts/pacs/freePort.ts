import net from 'node:net';

/**
 * A TCP port nobody listens on right now. Orthanc binds every interface, so the probe binds 0.0.0.0 too.
 * Another process may still take it before Orthanc does; startOrthanc retries with a new port in that case.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '0.0.0.0', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('freePort: the probe socket has no TCP address'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

/** True if something already accepts connections on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
