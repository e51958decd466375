/**
 * The limiter of failed attempts at secrets: the venue server's logins, claims and joins
 * (src/server), and the county hub's admin secret and dashboard code (src/hub). Pure: the clock
 * is the caller's.
 */

/** A leaky bucket of failures: `burst` may come at once, then one every `refillMs`. */
export interface BucketRule {
  burst: number;
  refillMs: number;
}

/**
 * What a guess is aimed at: each has its own bucket, shared by every address. The county hub's
 * admin secret and dashboard code (src/hub) may be chosen by its operator, so they are limited
 * as the organizer's password is.
 */
export type AttemptTarget =
  | 'judgeCode'
  | 'projectorCode'
  | 'claimCode'
  | 'password'
  | 'hubAdminSecret'
  | 'dashboardCode';

/**
 * The rates. An 8-digit code (10^8 values) guessed at the target's accepted rate of one failure
 * every 50 ms from any number of addresses takes 10^8 × 50 ms ≈ 58 days to search whole, longer
 * than any competition; one address alone gets one guess every 6 s after a burst of 10 (a judge
 * who mistypes a few times never notices). `overall` caps every failure of every kind together.
 */
export const ATTEMPT_RULES: { address: BucketRule; overall: BucketRule } & Record<AttemptTarget, BucketRule> =
  {
    address: { burst: 10, refillMs: 6_000 },
    judgeCode: { burst: 50, refillMs: 50 },
    projectorCode: { burst: 50, refillMs: 50 },
    claimCode: { burst: 50, refillMs: 50 },
    password: { burst: 20, refillMs: 1_000 },
    hubAdminSecret: { burst: 20, refillMs: 1_000 },
    dashboardCode: { burst: 20, refillMs: 1_000 },
    overall: { burst: 100, refillMs: 25 },
  };

/** How many addresses the limiter remembers; the oldest is forgotten first. */
const MAX_TRACKED_ADDRESSES = 10_000;

interface Bucket {
  /** Failures still allowed right now (fractional while refilling). */
  tokens: number;
  updatedAt: number;
}

/**
 * Counts failed attempts per address, per target and overall. An attempt takes one failure from
 * each of its three buckets before it is checked (so concurrent guesses cannot slip through
 * together), and gives it back only if it succeeds: a success never clears earlier failures,
 * of its own address or of anyone else. An attempt is refused while any bucket is empty.
 */
export class AttemptLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private readonly rules: typeof ATTEMPT_RULES;

  constructor({ now, rules = ATTEMPT_RULES }: { now: () => number; rules?: typeof ATTEMPT_RULES }) {
    this.now = now;
    this.rules = rules;
  }

  private keys(address: string, target: AttemptTarget, device: string | null): [string, BucketRule][] {
    // A device the server bound, proving it with its key, has a bucket of its own: strangers'
    // failures on the shared buckets never lock out a tablet joining again or the host logging in.
    if (device !== null) return [[`device:${device}`, this.rules.address]];
    return [
      [`address:${address}`, this.rules.address],
      [`target:${target}`, this.rules[target]],
      ['overall', this.rules.overall],
    ];
  }

  private refilled(key: string, rule: BucketRule): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: rule.burst, updatedAt: now };
    const tokens = Math.min(rule.burst, bucket.tokens + (now - bucket.updatedAt) / rule.refillMs);
    return { tokens, updatedAt: now };
  }

  /**
   * Takes one failure for an attempt now, or returns how many milliseconds to wait (> 0) and
   * takes nothing.
   */
  begin(address: string, target: AttemptTarget, device: string | null = null): number {
    const keys = this.keys(address, target, device);
    const states = keys.map(([key, rule]) => this.refilled(key, rule));
    const wait = Math.max(
      0,
      ...states.map((state, index) =>
        state.tokens >= 1
          ? 0
          : Math.ceil((1 - state.tokens) * (keys[index] as [string, BucketRule])[1].refillMs),
      ),
    );
    if (wait > 0) return wait;
    keys.forEach(([key], index) => {
      const state = states[index] as Bucket;
      this.buckets.delete(key);
      this.buckets.set(key, { tokens: state.tokens - 1, updatedAt: state.updatedAt });
    });
    this.forgetOldest();
    return 0;
  }

  /** The attempt begun for `address` and `target` succeeded: its failure is given back. */
  succeeded(address: string, target: AttemptTarget, device: string | null = null): void {
    for (const [key, rule] of this.keys(address, target, device)) {
      const state = this.refilled(key, rule);
      this.buckets.set(key, { tokens: Math.min(rule.burst, state.tokens + 1), updatedAt: state.updatedAt });
    }
  }

  private forgetOldest(): void {
    // Maps iterate in insertion order, and `begin` re-inserts what it touches.
    while (this.buckets.size > MAX_TRACKED_ADDRESSES) {
      const oldest = this.buckets.keys().next().value as string;
      this.buckets.delete(oldest);
    }
  }
}
