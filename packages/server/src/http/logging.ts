import type { FastifyBaseLogger } from 'fastify';
import {
  type Bindings,
  type ChildLoggerOptions,
  type DestinationStream,
  type LoggerOptions,
  levels,
} from 'pino';

const SECRET_FIELDS = [
  'password',
  'currentPassword',
  'newPassword',
  'token',
  'secret',
  'csrfToken',
  'totp',
  'recoveryCodes',
];
const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'x-csrf-token', 'x-totp-code'];

/** Structured fields never written to a log, at the top or up to two levels down. */
const REDACT_PATHS = [
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
  ...SECRET_HEADERS.flatMap((h) => [`headers["${h}"]`, `*.headers["${h}"]`]),
];

/** The password in a connection URL, a bearer or basic credential, a session or API token. */
const SECRET_TEXT: [RegExp, string][] = [
  [/([a-z][a-z0-9+.-]*:\/\/[^:/@\s"]*):[^@\s"]*@/gi, '$1:[redacted]@'],
  [/\b(Bearer|Basic)\s+[^\s"\\]+/g, '$1 [redacted]'],
  [/\b(ohs|oht)_[A-Za-z0-9_-]+/g, '$1_[redacted]'],
];

/** A log line with every secret that slipped into free text (a message, an error) masked. */
export function scrubSecrets(line: string): string {
  let out = line;
  for (const [pattern, replacement] of SECRET_TEXT) out = out.replace(pattern, replacement);
  return out;
}

/** Logging off, on, or pino settings (optionally writing to a stream of the caller's). */
export type LogSettings = boolean | (LoggerOptions & { stream?: DestinationStream });

/**
 * The logger settings with secrets kept out: known fields redacted, and every written line
 * scrubbed of credentials in text (e.g. a DATABASE_URL inside an error message).
 */
export function safeLoggerOptions(logger: LogSettings): LogSettings {
  if (logger === false) return false;
  const options = logger === true ? {} : logger;
  return {
    ...options,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    hooks: { ...options.hooks, streamWrite: scrubSecrets },
  };
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * A request's logger, made only once the request writes at a level that is on. Most requests
 * write nothing, and making a pino child passes its bindings through the redaction every time.
 */
class RequestLogger implements FastifyBaseLogger {
  private made: FastifyBaseLogger | null = null;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  get level(): string {
    return this.made?.level ?? this.options.level ?? this.parent.level;
  }

  set level(level: string) {
    this.logger().level = level;
  }

  fatal(...args: [unknown, ...unknown[]]): void {
    this.write('fatal', args);
  }
  error(...args: [unknown, ...unknown[]]): void {
    this.write('error', args);
  }
  warn(...args: [unknown, ...unknown[]]): void {
    this.write('warn', args);
  }
  info(...args: [unknown, ...unknown[]]): void {
    this.write('info', args);
  }
  debug(...args: [unknown, ...unknown[]]): void {
    this.write('debug', args);
  }
  trace(...args: [unknown, ...unknown[]]): void {
    this.write('trace', args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger().child(bindings, options);
  }

  private logger(): FastifyBaseLogger {
    this.made ??= this.parent.child(this.bindings, this.options);
    return this.made;
  }

  private write(level: Level, args: [unknown, ...unknown[]]): void {
    if ((levels.values[level] ?? 0) < (levels.values[this.level] ?? Number.POSITIVE_INFINITY)) return;
    const logger = this.logger();
    Reflect.apply(logger[level], logger, args);
  }
}

/** Fastify's `childLoggerFactory`: each request's logger is made when it first writes. */
export function requestLogger(
  parent: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  return new RequestLogger(parent, bindings, options);
}
