import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The repository root: child processes run from here, as `npm start` does. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI = 'packages/server/src/cli.ts';

/** Servers started by this test process; killed when it exits, so none outlives a crashed run. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** A loopback port that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** How a child process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** An Onhand server running as a child process. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  /** Resolves when the process has ended. */
  exited: Promise<Exit>;
  /** True until the process has ended. */
  running(): boolean;
  /** Everything it wrote to stdout and stderr, for failure messages. */
  output(): string;
}

/**
 * Starts `cli.ts start` in its own node process (node --import tsx, no npx or tsx wrapper in
 * between, so a signal reaches the server itself). `env` is added to the test's environment.
 */
export function spawnServer(env: Record<string, string>, port: number): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'start'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let output = '';
  let ended = false;
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      ended = true;
      live.delete(child);
      resolve({ code, signal });
    });
  });
  return {
    child,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    exited,
    running: () => !ended,
    output: () => output,
  };
}

/** Waits until GET /health answers 200; fails early when the process dies first. */
export async function waitForHealth(server: ServerProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!server.running()) throw new Error(`the server exited before it was healthy:\n${server.output()}`);
    try {
      const res = await fetch(`${server.baseUrl}/health`, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server was not healthy within ${timeoutMs} ms:\n${server.output()}`);
}

/** Starts a server process and waits until it is healthy (killing it when it never gets there). */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const server = spawnServer(env, await freePort());
  try {
    await waitForHealth(server);
  } catch (error) {
    await killProcess(server);
    throw error;
  }
  return server;
}

/** Kills the process (SIGKILL unless told otherwise) and waits until it has ended. */
export async function killProcess(server: ServerProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<Exit> {
  if (server.running()) server.child.kill(signal);
  return server.exited;
}

/** The result of a command run to its end. */
export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command from the repository root with extra environment and collects its output. */
export function runCommand(
  command: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `onhand <args>` the documented way (`npx tsx packages/server/src/cli.ts …`). */
export function runCli(args: string[], env: Record<string, string>): Promise<CommandResult> {
  return runCommand('npx', ['tsx', CLI, ...args], env);
}

/** Runs `onhand <args>` in its own process against a database. */
export function onhand(
  args: string[],
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<CommandResult> {
  return runCommand(
    process.execPath,
    ['--import', 'tsx', CLI, ...args],
    { DATABASE_URL: databaseUrl, ...env },
    120_000,
  );
}
