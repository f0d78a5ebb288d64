import { ChildProcess, spawn } from 'node:child_process';
import IORedis from 'ioredis';
import { eventually, freePort } from './free-port';

export interface PrivateRedis {
  url: string;
  port: number;
  /** SIGKILL: the server vanishes as in a crash, and with it (no persistence) every queued job. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

/** A redis-server of the test's own on a free port, so the test can kill it without touching anyone else's. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await eventually(`redis-server on ${port}`, async () => {
      const client = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
      client.on('error', () => undefined);
      try {
        await client.connect();
        return (await client.ping()) === 'PONG' ? true : undefined;
      } finally {
        client.disconnect();
      }
    });
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url, port, kill, start };
}
