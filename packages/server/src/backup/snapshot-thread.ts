import { Worker } from 'node:worker_threads';
import type { BackupFile } from './sqlite-snapshot';

type Answer = { done: BackupFile } | { error: string };

// Onhand runs its TypeScript through tsx; a worker thread registers it for itself.
const WORKER_SOURCE = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(
  new URL('./snapshot.worker.ts', import.meta.url).href,
)}, ${JSON.stringify(import.meta.url)}))`;

/**
 * Backs up the embedded database on a worker thread, so that a server making a backup goes on
 * answering requests while the copy and its integrity check run.
 */
export function snapshotOffThread(source: string, target: string): Promise<BackupFile> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { source, target } });
    worker.once('message', (answer: Answer) => {
      if ('error' in answer) reject(new Error(answer.error));
      else resolve(answer.done);
    });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`the backup thread ended (code ${code}) without a backup`)),
    );
  });
}
