import type { Kysely } from 'kysely';
import type { Notifications } from '../../db/notifications';
import type { DB } from '../../db/schema';

/** Something that makes remembered sign-ins or roles stale. */
export type AuthChange =
  | { kind: 'user'; id: string }
  | { kind: 'session'; id: string }
  | { kind: 'roles' }
  | { kind: 'all' };

const CHANNEL = 'onhand_auth';

function encode(change: AuthChange): string {
  return change.kind === 'user' || change.kind === 'session' ? `${change.kind}:${change.id}` : change.kind;
}

function decode(payload: string): AuthChange {
  const [kind, id] = payload.split(':', 2);
  if ((kind === 'user' || kind === 'session') && id) return { kind, id };
  if (kind === 'roles') return { kind };
  // Anything unreadable is treated as the widest change.
  return { kind: 'all' };
}

/**
 * Keeps what each process remembers of sessions, tokens and roles honest: a change is forgotten
 * here at once and announced to every other process when its transaction commits, so a logout,
 * a revoked token or a disabled person stops working everywhere, not only where it happened.
 * While announcements could be missed (the listening connection is down), nothing is trusted
 * from memory.
 */
export class AuthChanges {
  private readonly forgetters: ((change: AuthChange) => void)[] = [];

  constructor(private readonly notifications: Notifications) {}

  /** True while remembered sign-ins may be used. */
  get trusted(): boolean {
    return this.notifications.listening;
  }

  /** Registers what to drop on a change (here or in another process). */
  onChange(forget: (change: AuthChange) => void): void {
    this.forgetters.push(forget);
  }

  /** Forgets a change here and tells the others (at the commit of `db`, when it is a transaction). */
  async announce(db: Kysely<DB>, change: AuthChange): Promise<void> {
    this.apply(change);
    await this.notifications.publish(db, CHANNEL, encode(change));
  }

  /** Starts hearing the other processes' announcements. */
  start(): Promise<void> {
    return this.notifications.listen(
      CHANNEL,
      (payload) => this.apply(decode(payload)),
      () => this.apply({ kind: 'all' }),
    );
  }

  private apply(change: AuthChange): void {
    for (const forget of this.forgetters) forget(change);
  }
}
