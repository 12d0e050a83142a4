import { spawn } from 'node:child_process';

/** How a PostgreSQL client tool ended, with what it printed. */
export interface ToolRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Splits a PostgreSQL URL for the client tools: the URL without its password, and an environment
 * carrying the password as PGPASSWORD, so that it never shows in a process list.
 */
export function clientToolConnection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { url: parsed.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

/** Runs a PostgreSQL client tool (pg_dump, pg_restore); null when it is not on PATH. */
export function runClientTool(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<ToolRun | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') resolve(null);
      else reject(error);
    });
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Quotes a word for a POSIX shell, for commands printed for a person to run. */
export function shellWord(word: string): string {
  return /^[\w./:@=-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The tool's failure as an error naming it, with the last thing it said. */
export function toolFailed(tool: string, run: ToolRun): Error {
  return new Error(`${tool} failed (exit code ${run.code}): ${run.stderr.trim() || run.stdout.trim()}`);
}
