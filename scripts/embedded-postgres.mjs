// The embedded default's database server: PGlite (PostgreSQL compiled to WASM) behind the PostgreSQL wire
// protocol on a loopback port, so the application talks to it with the ordinary `pg` driver exactly as it talks
// to a real server (STACK-NOTES: the in-process typeorm driver shared one session between transactions).
// Started by libs/database's EmbeddedPostgres with an IPC channel; exits when its parent goes away.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const [dataDir, port, maxConnections] = process.argv.slice(2);
let stopping = false;

async function main() {
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({
    db,
    port: Number(port),
    host: '127.0.0.1',
    maxConnections: Number(maxConnections) || 1,
  });
  server.addEventListener('error', (event) => {
    process.send?.({ type: 'error', message: String(event.detail?.message ?? event.detail) });
  });
  await server.start();
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await server.stop();
      await db.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.send?.({ type: 'ready' });
}

main().catch((error) => {
  process.send?.({
    type: 'error',
    message: error?.code === 'EADDRINUSE' ? 'EADDRINUSE' : String(error?.stack ?? error),
  });
  process.exit(1);
});
