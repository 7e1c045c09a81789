/**
 * Credentials kept fresh for a long command: fetched once, reused, fetched again shortly before they expire (5
 * minutes, or a fifth of their lifetime when that is shorter), and — when an API call reports them expired anyway —
 * dropped so the next request fetches new ones. One fetch at a time however many calls wait.
 */
import { CredentialProvider, CredentialSource, Credentials } from "./types";

/** Refresh this long before expiry at most, ms. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

interface Fetch {
  readonly credentials: Promise<Credentials>;
  readonly fetchedAt: number;
  readonly generation: number;
}

/** A credential provider over a source, for the SDK's clients (`getCredential` before every request). */
export class RefreshingCredentials implements CredentialProvider {
  private current?: Fetch;
  private fetches = 0;

  /**
   * @param source where credentials come from
   * @param onFetched told about each new set (the provider hides their secrets from its log)
   * @param now the clock, epoch ms
   */
  constructor(
    readonly source: CredentialSource,
    private readonly onFetched: (c: Credentials) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Which fetch the next request signs with (pass it to {@link invalidate} when that request is refused). */
  get generation(): number {
    return this.current?.generation ?? this.fetches + 1;
  }

  /** The credentials to sign the next request with. */
  async getCredential(): Promise<Credentials> {
    const held = this.current;
    if (held) {
      const c = await held.credentials.catch(() => undefined);
      if (c && !this.nearExpiry(c, held.fetchedAt)) return c;
      if (this.current === held) this.current = undefined; // failed, or about to expire
    }
    this.current ??= this.fetch();
    return this.current.credentials;
  }

  /** True when the source hands out temporary credentials, which fetching again renews. */
  async renewable(): Promise<boolean> {
    const c = await this.current?.credentials.catch(() => undefined);
    return c?.expiresAt !== undefined;
  }

  /** Drops the credentials of fetch `generation` (the server said they expired): the next request fetches new ones. */
  invalidate(generation: number): void {
    if (this.current?.generation === generation) this.current = undefined;
  }

  private fetch(): Fetch {
    const credentials = this.source.fetch().then((c) => (this.onFetched(c), c));
    credentials.catch(() => undefined); // reported to the caller that awaits it
    return { credentials, fetchedAt: this.now(), generation: ++this.fetches };
  }

  private nearExpiry(c: Credentials, fetchedAt: number): boolean {
    if (c.expiresAt === undefined) return false;
    const margin = Math.min(REFRESH_MARGIN_MS, (c.expiresAt - fetchedAt) / 5);
    return this.now() >= c.expiresAt - margin;
  }
}
