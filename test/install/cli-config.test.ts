/**
 * A Terraform CLI configuration with a `provider_installation` block turns the implied local mirror off: detected
 * at synth (TF_CLI_CONFIG_FILE / TERRAFORM_CONFIG, else ~/.terraformrc and ~/.terraform.d/*.tfrc) and warned about with
 * lines to add — and those lines, added, make plain `terraform init` find the placed provider again (real terraform).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TerraformStack, Testing } from "cdktf";
import { FaceGroup, TencentcloudIaiProvider } from "../../src/construct";
import { cliConfigFiles, hasProviderInstallation, installProvider, providerInstallationFile, providerInstallationWarning, providerPackage } from "../../src/install";
import { PROVIDER_SOURCE } from "../../src/provider/address";
import { run } from "../support/cdktf-project";
import { FakeBundle, fakeProviderBundle } from "../support/fake-provider";
import { TERRAFORM_BINARY } from "../support/terraform-binary";

let tmp: string;
let bundle: FakeBundle;
const saved = { TF_CLI_CONFIG_FILE: process.env.TF_CLI_CONFIG_FILE, TERRAFORM_CONFIG: process.env.TERRAFORM_CONFIG };
beforeAll(() => (bundle = fakeProviderBundle("FAKE-MIRRORED")));
afterAll(() => bundle.dispose());
beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fg-cli-config-"))));
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
});

const DIRECT_ONLY = "provider_installation {\n  direct {}\n}\n";

function rc(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** The CLI configuration the warning asks for: its filesystem_mirror, plus the exclude in direct {}. */
function advisedConfig(warning: string): string {
  const mirror = /^  filesystem_mirror \{[\s\S]*?^  \}$/m.exec(warning)![0];
  const exclude = /exclude = \[[^\]]*\]/.exec(warning)![0];
  return `provider_installation {\n${mirror}\n  direct {\n    ${exclude}\n  }\n}\n`;
}

describe("detection", () => {
  test("a provider_installation block, not one in a comment", () => {
    expect(hasProviderInstallation(DIRECT_ONLY)).toBe(true);
    expect(hasProviderInstallation('plugin_cache_dir = "/x"\n  provider_installation{\n}')).toBe(true);
    expect(hasProviderInstallation('# provider_installation {\n// provider_installation {\n/* provider_installation {\n */\nplugin_cache_dir = "/x"\n')).toBe(false);
  });

  test("which files: TF_CLI_CONFIG_FILE (else TERRAFORM_CONFIG) alone, else ~/.terraformrc plus ~/.terraform.d/*.tfrc", () => {
    const home = path.join(tmp, "home");
    rc("home/.terraform.d/b.tfrc", DIRECT_ONLY);
    rc("home/.terraform.d/a.tfrc", "");
    const d = path.join(home, ".terraform.d");
    expect(cliConfigFiles({ TF_CLI_CONFIG_FILE: "/x", TERRAFORM_CONFIG: "/y" }, home, "linux")).toEqual(["/x"]);
    expect(cliConfigFiles({ TERRAFORM_CONFIG: "/y" }, home, "linux")).toEqual(["/y"]);
    expect(cliConfigFiles({}, home, "linux")).toEqual([path.join(home, ".terraformrc"), path.join(d, "a.tfrc"), path.join(d, "b.tfrc")]);
    expect(providerInstallationFile({}, home)).toBe(path.join(d, "b.tfrc"));
    expect(providerInstallationFile({ TF_CLI_CONFIG_FILE: path.join(tmp, "missing") }, home)).toBeUndefined();
  });
});

describe("at synth", () => {
  const warnings = (p: TencentcloudIaiProvider) => p.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));

  function synthOne(): TencentcloudIaiProvider {
    const stack = new TerraformStack(Testing.app(), "MyStack");
    new FaceGroup(stack, "Employees", { groupId: "g1", groupName: "n" });
    Testing.synth(stack);
    return TencentcloudIaiProvider.of(stack);
  }

  test("a CLI configuration with provider_installation: one warning naming the file and what to add", () => {
    const file = rc("pinned.tfrc", DIRECT_ONLY);
    process.env.TF_CLI_CONFIG_FILE = file;
    const [warning, ...more] = warnings(synthOne());
    expect(more).toEqual([]);
    expect(warning).toContain(`CLI configuration ${file} has a provider_installation block`);
    expect(warning).toContain('path    = "terraform.d/plugins"');
    expect(warning).toContain('include = ["face-groups.invalid/*/*"]');
  });

  test("none without one", () => {
    process.env.TF_CLI_CONFIG_FILE = rc("plain.tfrc", 'plugin_cache_dir = "/tmp/x"\n');
    expect(warnings(synthOne())).toEqual([]);
  });
});

describe("real terraform init in a placed stack folder", () => {
  /** `terraform init` in `dir` with the CLI configuration `config`, offline. */
  async function init(dir: string, config: string) {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: path.join(tmp, "home"), CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_CLI_CONFIG_FILE: rc("terraformrc", config) };
    return run(TERRAFORM_BINARY, ["init", "-no-color"], { cwd: dir, env }, 120_000);
  }

  test("a direct-only provider_installation hides the placed provider; the advised lines bring it back", async () => {
    const pkg = providerPackage(bundle.file, "0.1.0");
    const dir = path.join(tmp, "stack");
    fs.mkdirSync(dir);
    const config = { terraform: { required_providers: { tencentcloudiai: { source: PROVIDER_SOURCE, version: pkg.version } } }, provider: { tencentcloudiai: [{}] } };
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(config));
    installProvider(dir, pkg, { pluginCacheDir: undefined });

    const hidden = await init(dir, DIRECT_ONLY);
    expect(hidden.code).not.toBe(0);
    const fixed = await init(dir, advisedConfig(providerInstallationWarning("x")));
    expect(fixed.output).toContain(`Installed ${PROVIDER_SOURCE} v${pkg.version} (unauthenticated)`);
    expect(fixed.code).toBe(0);
  });
});
