import { parentPort, workerData } from 'node:worker_threads';
import { snapshotSqlite } from './sqlite-snapshot';

const { source, target } = workerData as { source: string; target: string };
try {
  parentPort?.postMessage({ done: snapshotSqlite(source, target) });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
