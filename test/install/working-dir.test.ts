/**
 * `face-groups provider install` through its commander command (platform, environment and output injected): the
 * refusal of platforms the provider does not run on, before anything is written, and the CLI configuration advice
 * when a `provider_installation` block turns the implied local mirror off. The real run on this machine, through
 * the built CLI and real `terraform`, is test/e2e/hcl.test.ts.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Command } from "commander";
import { ProviderCommandDeps, addProviderCommand } from "../../src/cli/provider-command";
import { UnsupportedPlatformError, filesystemMirrorAdvice, versionConstraint } from "../../src/install";

let tmp: string;
beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fg-wd-"))));
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs `provider install --dir <tmp>` in-process; resolves to what it printed. */
async function install(deps: ProviderCommandDeps): Promise<string> {
  let printed = "";
  const program = new Command().exitOverride();
  addProviderCommand(program, { env: { TF_CLI_CONFIG_FILE: path.join(tmp, "none.rc") }, write: (t) => (printed += t), ...deps });
  await program.parseAsync(["node", "face-groups", "provider", "install", "--dir", tmp]);
  return printed;
}

test.each([
  ["win32", "x64", /this is windows_amd64 \(win32\/x64\).*a native Windows terraform cannot start it.*WSL/],
  ["linux", "ia32", /this is linux_386 \(linux\/ia32\)/],
  ["freebsd", "x64", /this is freebsd_amd64/],
] as const)("refuses %s/%s clearly, before writing anything", async (platform, arch, why) => {
  const refusal = install({ platform, arch });
  await expect(refusal).rejects.toThrow(UnsupportedPlatformError);
  await expect(refusal).rejects.toThrow(/runs on linux_amd64, linux_arm64, darwin_amd64, darwin_arm64; /);
  await expect(refusal).rejects.toThrow(why);
  expect(fs.readdirSync(tmp)).toEqual([]);
});

test.each([
  ["linux", "arm64"],
  ["darwin", "x64"],
] as const)("installs on %s/%s", async (platform, arch) => {
  expect(await install({ platform, arch })).toContain(`version = "${versionConstraint()}"`);
  expect(fs.readdirSync(tmp).sort()).toEqual([".terraform.lock.hcl", "terraform.d"]);
});

test("a CLI configuration with provider_installation: installs, and prints the filesystem_mirror to add", async () => {
  const rc = path.join(tmp, "pinned.tfrc");
  fs.writeFileSync(rc, "provider_installation {\n  direct {}\n}\n");
  const printed = await install({ env: { TF_CLI_CONFIG_FILE: rc } });
  expect(printed).toContain(`Your Terraform CLI configuration ${rc} has a provider_installation block`);
  expect(printed).toContain(filesystemMirrorAdvice()); // test/install/cli-config.test.ts proves `init` works with it
  expect(await install({})).not.toContain("provider_installation");
});

test("a --dir that is not a directory is refused", async () => {
  const file = path.join(tmp, "main.tf");
  fs.writeFileSync(file, "");
  const program = new Command().exitOverride();
  addProviderCommand(program, { write: () => undefined });
  await expect(program.parseAsync(["node", "face-groups", "provider", "install", "--dir", file])).rejects.toThrow(/main\.tf is not a directory: pass the Terraform working directory/);
});
