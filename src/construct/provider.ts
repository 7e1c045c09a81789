/**
 * The `tencentcloudiai` provider of a stack: one per stack, created by its first FaceGroup. Its block carries no
 * configuration — credentials and endpoint come from the environment at apply — and `required_providers` pins the
 * exact version of the package this library ships. It also installs that package when the stack is synthesized:
 * the stack's synthesizer is wrapped so the files land in `cdktf.out/stacks/<stack>/` after cdktf wrote the stack
 * (and not at all when synthesis fails). A Terraform CLI configuration with a `provider_installation` block turns
 * that local mirror off, so it is warned about at synth, with the lines to add.
 */
import * as path from "node:path";
import { Annotations, ISynthesisSession, TerraformProvider, TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { ProviderPackage, installProvider, providerBundlePath, providerInstallationFile, providerInstallationWarning, providerPackage } from "../install";
import { PROVIDER_LOCAL_NAME, PROVIDER_SOURCE } from "../provider/address";
import { GroupRegistry } from "./validation";

/** The construct id of the per-stack provider. */
export const PROVIDER_ID = "TencentcloudIaiProvider";

/** The provider `tencentcloudiai` (this package's own Terraform provider). */
export class TencentcloudIaiProvider extends TerraformProvider {
  /** The provider of the stack that holds `scope`, created (and its installation hooked in) on first use. */
  static of(scope: IConstruct): TencentcloudIaiProvider {
    const stack = TerraformStack.of(scope);
    const existing = stack.node.tryFindChild(PROVIDER_ID);
    return (existing as TencentcloudIaiProvider | undefined) ?? new TencentcloudIaiProvider(stack, PROVIDER_ID);
  }

  private built?: ProviderPackage;

  /**
   * @param scope the stack (use {@link TencentcloudIaiProvider.of}: a second instance in one stack is refused by cdktf)
   */
  constructor(scope: Construct, id: string) {
    super(scope, id, { terraformResourceType: PROVIDER_LOCAL_NAME, terraformProviderSource: PROVIDER_SOURCE });
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
    const stack = TerraformStack.of(this);
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
    return {};
  }
}
