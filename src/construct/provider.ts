/**
 * The `tencentcloudiai` provider of a stack: one per stack, created by its first FaceGroup (or reference:
 * FaceGroup.fromGroupId, FaceGroupList) unless the app created one first (to set a region, endpoint or rate limit).
 * Its block never carries credentials — they come from the environment at apply, so they never reach cdk.tf.json —
 * and `required_providers` pins the exact version of the package this library ships. It also installs that package
 * when the stack is synthesized: the stack's synthesizer is wrapped so the files land in `cdktf.out/stacks/<stack>/`
 * after cdktf wrote the stack (and not at all when synthesis fails). A Terraform CLI configuration with a
 * `provider_installation` block turns that local mirror off, so it is warned about at synth, with the lines to add.
 */
import * as path from "node:path";
import { Annotations, ISynthesisSession, TerraformProvider, TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { ProviderPackage, installProvider, providerBundlePath, providerInstallationFile, providerInstallationWarning, providerPackage } from "../install";
import { PROVIDER_LOCAL_NAME, PROVIDER_SOURCE } from "../provider/address";
import { credentialAttributes, credentialHclAttributes, TencentcloudIaiCredentialsConfig } from "./provider-credentials";
import { hclAttribute } from "./reference-support";
import { GroupRegistry } from "./validation";

/** The construct id of the per-stack provider. */
export const PROVIDER_ID = "TencentcloudIaiProvider";

/**
 * Optional settings of the provider block. Secrets are deliberately not among them (they would be written into
 * cdk.tf.json): the provider reads keys and tokens from the environment, a profile or a file at plan and apply; the
 * rest of the credential configuration (profile, roles, account guard) is {@link TencentcloudIaiCredentialsConfig}.
 */
export interface TencentcloudIaiProviderConfig extends TencentcloudIaiCredentialsConfig {
  /**
   * Default region of the stack's face groups (a FaceGroup's own `region` wins).
   * @default env TENCENTCLOUD_REGION at plan time, else "ap-guangzhou"
   */
  readonly region?: string;
  /**
   * Base URL of the IAI API, e.g. an emulator's `http://127.0.0.1:9000`.
   * @default env TENCENTCLOUD_IAI_ENDPOINT at plan time, else https://iai.tencentcloudapi.com
   */
  readonly endpoint?: string;
  /**
   * Root domain of the API, as in the official tencentcloud provider (e.g. `internal.tencentcloudapi.com`); the
   * endpoint is then `<protocol>://iai.<domain>`. Ignored when `endpoint` is set.
   * @default env TENCENTCLOUD_DOMAIN, else "tencentcloudapi.com"
   */
  readonly domain?: string;
  /**
   * `HTTP` or `HTTPS`, as in the official tencentcloud provider. Ignored when `endpoint` is set.
   * @default env TENCENTCLOUD_PROTOCOL, else "HTTPS"
   */
  readonly protocol?: string;
  /**
   * Path (where terraform runs) of a PEM file of CA certificates to trust besides the public ones, e.g. the CA of a
   * TLS-intercepting proxy. NODE_EXTRA_CA_CERTS in the environment works too.
   * @default none
   */
  readonly caBundleFile?: string;
  /**
   * Calls per second of the whole provider process (the account allows 50 for the group APIs, shared with every
   * other tool using it).
   * @default 48
   */
  readonly qps?: number;
  /**
   * Longest time one operation (create, update, read, delete) may take, retries included, in seconds.
   * @default env FACE_GROUP_DEADLINE_SECONDS, else 300
   */
  readonly deadlineSeconds?: number;
  /**
   * Longest time one HTTP request may take before it is retried, in seconds.
   * @default env FACE_GROUP_REQUEST_TIMEOUT_SECONDS, else 30
   */
  readonly requestTimeoutSeconds?: number;
}

/** The provider of each stack (a map, not a child search: `of` runs once per FaceGroup). */
const providerOfStack = new WeakMap<TerraformStack, TencentcloudIaiProvider>();

/** The provider `tencentcloudiai` (this package's own Terraform provider). */
export class TencentcloudIaiProvider extends TerraformProvider {
  /** The provider of the stack that holds `scope`: the one the app created, else a new one without settings. */
  static of(scope: IConstruct): TencentcloudIaiProvider {
    const stack = TerraformStack.of(scope);
    return providerOfStack.get(stack) ?? new TencentcloudIaiProvider(stack, PROVIDER_ID);
  }

  private built?: ProviderPackage;

  /**
   * @param scope the stack; create it before the stack's first FaceGroup (one per stack: a second is refused)
   * @param config optional settings of the provider block
   */
  constructor(scope: Construct, id: string, private readonly config: TencentcloudIaiProviderConfig = {}) {
    super(scope, id, { terraformResourceType: PROVIDER_LOCAL_NAME, terraformProviderSource: PROVIDER_SOURCE });
    const stack = TerraformStack.of(this);
    if (providerOfStack.has(stack)) {
      throw new Error(
        `TencentcloudIaiProvider at ${this.node.path}: the stack already has one (${providerOfStack.get(stack)!.node.path}); ` +
          "create it once, before the stack's first FaceGroup",
      );
    }
    providerOfStack.set(stack, this);
    // Read when rendered, after the app's FaceGroups are known valid: invalid declarations are reported (all of them)
    // before a missing provider bundle, and a plain value rather than a token keeps that error readable.
    Object.defineProperty(this, "terraformGeneratorMetadata", {
      get: () => {
        GroupRegistry.of(this).assertAllValid();
        return { providerName: PROVIDER_LOCAL_NAME, providerVersion: this.package().version };
      },
    });
    if (process.platform === "win32") {
      Annotations.of(this).addWarning(
        "The tencentcloudiai provider (FaceGroup) runs on Linux and macOS only: synthesis works here, but run cdktf deploy / terraform from Linux, macOS or WSL.",
      );
    }
    const pinned = providerInstallationFile();
    if (pinned) Annotations.of(this).addWarning(providerInstallationWarning(pinned));
    const inner = stack.synthesizer;
    stack.synthesizer = {
      synthesize: (session: ISynthesisSession) => {
        inner.synthesize(session);
        installProvider(path.join(session.outdir, session.manifest.forStack(stack).workingDirectory), this.package());
      },
    };
  }

  /** The provider package this stack pins and installs (read once per provider). */
  package(): ProviderPackage {
    this.built ??= providerPackage(providerBundlePath());
    return this.built;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    // cdktf's resolve leaves out the keys whose value is undefined.
    const c = this.config;
    return {
      region: c.region,
      endpoint: c.endpoint,
      domain: c.domain,
      protocol: c.protocol,
      ca_bundle_file: c.caBundleFile,
      qps: c.qps,
      deadline_seconds: c.deadlineSeconds,
      request_timeout_seconds: c.requestTimeoutSeconds,
      ...credentialAttributes(c),
    };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    const c = this.config;
    const attributes: Array<[string, unknown, "string" | "number"]> = [
      ["region", c.region, "string"],
      ["endpoint", c.endpoint, "string"],
      ["domain", c.domain, "string"],
      ["protocol", c.protocol, "string"],
      ["ca_bundle_file", c.caBundleFile, "string"],
      ["qps", c.qps, "number"],
      ["deadline_seconds", c.deadlineSeconds, "number"],
      ["request_timeout_seconds", c.requestTimeoutSeconds, "number"],
    ];
    return { ...Object.fromEntries(attributes.filter(([, value]) => value !== undefined).map(([key, value, kind]) => [key, hclAttribute(value, kind)])), ...credentialHclAttributes(c) };
  }
}
