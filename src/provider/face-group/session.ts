/**
 * Everything one provider process shares across the calls Terraform makes to it (one process serves a whole plan or
 * apply): the credentials (resolved once, on the first call that needs them), one API client, one account listing and
 * refresh lookup per region, ONE rate limiter for all calls (the account's limit is shared), the stop signal, and the log.
 */
import { Api } from "../../handler/converge";
import { DEFAULT_REGION } from "../../api/face-group-spec";
import type { RefreshingCredentials, StsAccess } from "../../handler/credentials";
import { renewedOnce } from "../../handler/credentials/renewal";
import { Interrupted, Refusal } from "../../handler/errors";
import { AccountListing } from "../../handler/account-listing";
import { FailFast } from "../../handler/fail-fast";
import { GroupLookup } from "../../handler/group-lookup";
import type { IaiClient } from "../../handler/iai-client";
import { TokenBucket } from "../../handler/rate-limiter";
import { AttemptReport, Retrier } from "../../handler/retry";
import { StopSignal } from "../../handler/stop-signal";
import { isUnknown } from "../protocol/types";
import { ProviderSettings } from "./provider-config";

/** Where the per-call lines go (stderr: Terraform shows it under TF_LOG). */
export type LogSink = (line: string) => void;

/** The API for one region: calls that share one deadline, the process's account listing, and the refreshes. */
export interface RegionApi {
  /** Calls of one operation; all of them end by the operation's deadline. */
  readonly api: Api;
  /** The refreshes (from the account listing when many come together, else GetGroupInfo). */
  readonly lookup: GroupLookup;
  /**
   * The region's groups, listed once per process and shared (refreshes, plan-time predictions); see
   * src/handler/account-listing.ts for what a listing may be trusted for.
   */
  readonly listing: AccountListing;
}

interface Target {
  readonly client: IaiClient;
  readonly credentials: RefreshingCredentials;
  readonly lookup: GroupLookup;
}

/** Hides secret values in a text (a secret is never meant to reach it; this is the last line of defence). */
export class Redactor {
  private readonly secrets: string[] = [];

  /** Adds values to hide (short values are ignored: they would mangle unrelated text). */
  hide(...values: (string | undefined)[]): void {
    for (const v of values) if (v && v.length >= 4 && !this.secrets.includes(v)) this.secrets.push(v);
  }

  /** `text` with every hidden value replaced by `***`. */
  apply(text: string): string {
    return this.secrets.reduce((t, s) => t.split(s).join("***"), text);
  }
}

function logLine(region: string, groupId: string, r: AttemptReport): string {
  const retry = r.retryInMs !== undefined ? ` (transient, retrying in ${r.retryInMs}ms)` : "";
  const detail = r.detail ? `: ${r.detail}` : "";
  return `tencentcloudiai: ${r.action} ${r.code} RequestId=${r.requestId ?? "-"} GroupId=${groupId} region=${region} attempt=${r.attempt} ${r.ms}ms${retry}${detail}`;
}

/** The process-wide state behind the resource's operations. */
export class Session {
  /** Stopped by StopProvider: waits, retries and requests in flight end at once (one signal per call, see stop-signal.ts). */
  readonly stopping = new StopSignal();
  readonly redactor = new Redactor();
  private readonly limiter: TokenBucket;
  /** Network trouble that retrying cannot cure ends every call of the process (fail-fast.ts). */
  private readonly failFast = new FailFast();
  private credentials?: Promise<RefreshingCredentials>;
  private readonly targets = new Map<string, Promise<Target>>();

  constructor(
    readonly settings: ProviderSettings,
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: LogSink,
  ) {
    this.limiter = new TokenBucket(settings.qps);
    if (!isUnknown(settings.credentials)) this.redactor.hide(settings.credentials.key?.secretKey, settings.credentials.key?.token);
  }

  /** The API of `region` for one operation (its deadline, `deadlineSeconds` from now, starts now). */
  async region(region: string, deadlineSeconds = this.settings.deadlineSeconds): Promise<RegionApi> {
    const target = await this.target(region);
    const { lookup } = target;
    return { api: this.api(target.client, target.credentials, region, Date.now() + deadlineSeconds * 1000, deadlineSeconds), lookup, listing: lookup.listing };
  }

  /** Ends in-flight work; later calls are refused with `Interrupted`. */
  stop(): void {
    this.stopping.stop();
    for (const t of this.targets.values()) void t.then((x) => x.client.close(), () => undefined);
  }

  private checkStopped(): void {
    if (this.stopping.stopped) throw new Interrupted();
  }

  /** The calls through `client`: rate limited, retried, logged; `deadlineAt` undefined = each call its own. */
  private api(client: IaiClient, credentials: RefreshingCredentials, region: string, deadlineAt?: number, deadlineSeconds = this.settings.deadlineSeconds): Api {
    const { requestTimeoutSeconds } = this.settings;
    return {
      call: (action, params, onSend) => {
        const stop = this.stopping.link();
        const groupId = typeof (params as { GroupId?: unknown }).GroupId === "string" ? (params as { GroupId: string }).GroupId : "-";
        const retrier = new Retrier(
          {
            deadlineAt: deadlineAt ?? Date.now() + deadlineSeconds * 1000,
            deadlineSeconds,
            requestTimeoutMs: requestTimeoutSeconds * 1000,
            gate: this.limiter,
            signal: stop.signal,
            failFast: this.failFast,
          },
          (r) => this.log(this.redactor.apply(logLine(region, groupId, r))),
        );
        return retrier
          .run(action, (timeoutMs) =>
            renewedOnce(
              credentials,
              () => {
                onSend?.();
                return client.attempt(action, params, timeoutMs, stop.signal);
              },
              (e) => this.log(`tencentcloudiai: ${action} ${e.code}: the temporary credentials expired; fetching new ones and sending once more`),
            ),
          )
          .finally(stop.unlink);
      },
    };
  }

  private target(region: string): Promise<Target> {
    this.checkStopped();
    let target = this.targets.get(region);
    if (!target) {
      target = this.createTarget(region);
      // A failure (no credentials) is not cached: the next operation tries again and reports it again.
      target.catch(() => this.targets.delete(region));
      this.targets.set(region, target);
    }
    return target;
  }

  private async createTarget(region: string): Promise<Target> {
    const { endpoint, route, ca } = this.settings;
    if (isUnknown(endpoint)) throw new Refusal("the provider's endpoint is not known yet (it depends on another resource); apply that resource first");
    const credentials = await this.resolveCredentials();
    // The SDK loads only when a call is needed: plans of unchanged resources and validation never pay for it.
    const { IaiClient } = await import("../../handler/iai-client");
    this.checkStopped();
    const client = new IaiClient({ endpoint, region, credentials, route, ca });
    const api = this.api(client, credentials, region);
    return { client, credentials, lookup: new GroupLookup(api, new AccountListing(api)) };
  }

  /**
   * The account guard: when allowed_account_ids or forbidden_account_ids is set, asks STS who the credentials belong
   * to and throws a Refusal when that account is not allowed (ConfigureProvider runs it, so a plan fails before any write).
   */
  async checkAccount(): Promise<void> {
    const settings = this.settings.credentials;
    if (isUnknown(settings) || (settings.allowedAccountIds.length === 0 && settings.forbiddenAccountIds.length === 0)) return;
    const credentials = await this.resolveCredentials();
    const { checkAccount, stsClient } = await import("../../handler/credentials");
    const who = await checkAccount(credentials, settings.allowedAccountIds, settings.forbiddenAccountIds, stsClient(this.env, this.stsAccess()));
    if (who) this.log(`tencentcloudiai: account ${who.accountId} (${who.arn}) is allowed`);
  }

  /** Where STS is: the provider's region, domain / protocol and CAs. */
  private stsAccess(): StsAccess {
    return { region: isUnknown(this.settings.region) ? DEFAULT_REGION : this.settings.region, domain: this.settings.apiDomain, ca: this.settings.ca };
  }

  /** The process's one credential chain (block, environment, profile, role: src/handler/credentials), built once. */
  private resolveCredentials(): Promise<RefreshingCredentials> {
    const settings = this.settings.credentials;
    if (isUnknown(settings)) return Promise.reject(new Refusal("the provider's credentials are not known yet (they depend on another resource); apply that resource first"));
    this.credentials ??= (async () => {
      const { credentialChain } = await import("../../handler/credentials");
      const chain = credentialChain(settings, this.env, this.stsAccess(), (c) => this.redactor.hide(c.secretKey, c.token));
      await chain.getCredential(); // fails here, once per operation, when there are none
      this.log(`tencentcloudiai: credentials: ${chain.source.description}`);
      return chain;
    })();
    this.credentials.catch(() => (this.credentials = undefined));
    return this.credentials;
  }
}
