import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** A path beside `target` for writing it before it is published, unique to this attempt. */
export function tempPathBeside(target: string): string {
  return `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Forces a file (or directory entry list) to disk: a backup is not a backup until it is on disk. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Publishes a finished temporary file under its final name atomically, never over an existing
 * file (a hard link fails when the name is taken), and makes the new name durable.
 */
export function publish(temp: string, target: string): number {
  fsyncPath(temp);
  try {
    linkSync(temp, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${target} already exists`);
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
  fsyncPath(dirname(target));
  return statSync(target).size;
}
