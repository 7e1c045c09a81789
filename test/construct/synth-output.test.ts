/**
 * The synthesized stack folder as Terraform gets it: the provider package in the implied local mirror and pinned in
 * the lock file, no absolute path of this machine in cdk.tf.json, the same bytes on every synth, files of earlier
 * synths and other providers' lock entries kept — and, when the real provider bundle has been built, every odd
 * string of a declaration reaching the API byte for byte through real `terraform apply` against the emulator.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, TerraformStack, Testing } from "cdktf";
import { startEmulator } from "../../src/emulator";
import { FaceGroup, FaceGroupProps, RemovalPolicy, TencentcloudIaiProvider } from "../../src/construct";
import { LOCK_FILE_NAME, POSIX_PLATFORMS, PROVIDER_BUNDLE_ENV, executableName, hashFolder, mirrorRoot } from "../../src/install";
import { PROVIDER_SOURCE } from "../../src/provider/address";
import { FakeBundle, fakeProviderBundle } from "../support/fake-provider";
import { TERRAFORM_BINARY } from "../support/terraform-binary";
import { BUILT_BUNDLE, requireBuiltBundle } from "../support/built-bundle";

let bundle: FakeBundle;
beforeAll(() => (bundle = fakeProviderBundle()));
afterAll(() => bundle.dispose());

/** Synthesizes one stack with the given FaceGroups into a fresh folder; returns the stack folder and its provider. */
function synthStack(groups: Record<string, FaceGroupProps>): { dir: string; provider: TencentcloudIaiProvider } {
  const stack = new TerraformStack(Testing.app(), "MyStack");
  for (const [id, props] of Object.entries(groups)) new FaceGroup(stack, id, props);
  return { dir: path.join(Testing.fullSynth(stack), "stacks", "MyStack"), provider: TencentcloudIaiProvider.of(stack) };
}

function allStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === "object") return Object.values(value).flatMap(allStrings);
  return [];
}

describe("synthesized stack folder", () => {
  test("the provider package is in the local mirror for every POSIX platform, pinned by the lock file", () => {
    const { dir, provider } = synthStack({ Employees: { groupId: "g1", groupName: "n" } });
    const { version, hash } = provider.package();
    const versionDir = path.join(mirrorRoot(dir), version);
    expect(path.relative(dir, versionDir)).toBe(path.join("terraform.d", "plugins", PROVIDER_SOURCE, version));
    for (const platform of POSIX_PLATFORMS) {
      const pkg = path.join(versionDir, platform);
      expect(fs.readdirSync(pkg).sort()).toEqual(["provider.js", executableName(version)]);
      expect(fs.readFileSync(path.join(pkg, "provider.js"))).toEqual(fs.readFileSync(bundle.file));
      expect(fs.statSync(path.join(pkg, executableName(version))).mode & 0o777).toBe(0o755);
      expect(hashFolder(pkg)).toBe(hash);
    }
    expect(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), "utf8")).toContain(
      `provider "${PROVIDER_SOURCE}" {\n  version     = "${version}"\n  constraints = "${version}"\n  hashes = [\n    "${hash}",\n  ]\n}\n`,
    );
  });

  test("cdk.tf.json holds no absolute path of this machine and no credentials", () => {
    const { dir } = synthStack({ Employees: { groupId: "g1", groupName: "n" } });
    const text = fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8");
    for (const p of [path.resolve(__dirname, "..", ".."), os.tmpdir(), os.homedir(), bundle.file]) expect(text).not.toContain(p);
    expect(allStrings(JSON.parse(text)).filter((s) => s.startsWith("/") || s.includes(" /"))).toEqual([]);
    expect(text).not.toMatch(/secret|token|endpoint/i);
  });

  test("the same declaration synthesizes the same bytes (no machine- or time-dependent value)", () => {
    const props = { Employees: { groupId: "g1", groupName: "n", tag: "t" } };
    const read = (dir: string) => ["cdk.tf.json", LOCK_FILE_NAME].map((f) => fs.readFileSync(path.join(dir, f), "utf8"));
    expect(read(synthStack(props).dir)).toEqual(read(synthStack(props).dir));
  });

  test("a re-synth keeps other providers' lock entries and the files of earlier synths", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "fg-resynth-"));
    try {
      const synth = () => {
        const app = new App({ outdir });
        new FaceGroup(new TerraformStack(app, "S"), "G", { groupId: "g", groupName: "n" });
        app.synth();
      };
      synth();
      const lock = path.join(outdir, "stacks", "S", LOCK_FILE_NAME);
      const other = `provider "registry.terraform.io/hashicorp/random" {\n  version     = "3.6.0"\n  constraints = "3.6.0"\n  hashes = [\n    "h1:other=",\n  ]\n}\n`;
      fs.appendFileSync(lock, `\n${other}`);
      fs.writeFileSync(path.join(outdir, "stacks", "S", "terraform.tfstate"), "{}");
      synth();
      expect(fs.readFileSync(lock, "utf8")).toContain(other);
      expect(fs.readFileSync(lock, "utf8").match(/provider "/g)).toHaveLength(2);
      expect(fs.existsSync(path.join(outdir, "stacks", "S", "terraform.tfstate"))).toBe(true);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

/** The provider bundle `npm run build` produces; the round trip below needs the real provider. */
const REAL_BUNDLE = BUILT_BUNDLE;

/** Runs terraform in `dir`; resolves with its exit code and output. */
function terraform(dir: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TERRAFORM_BINARY, args, { cwd: dir, env: { ...env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0" } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

describe("terraform apply of a synthesized stack against the emulator (real provider)", () => {
  beforeAll(requireBuiltBundle);
  const SECRET_ID = "AKIDsynthOutput0001";
  const SECRET_KEY = "synth-output-secret-key";
  const ODD: FaceGroupProps = {
    groupId: "odd-%@#&_1",
    groupName: 'a ${b} %{c} $${d} %%{e} "q" \\ $(x) `y` 员工 🙂',
    groupExDescriptions: ["${x}", "%{ if y }", "line\nbreak", "tab\tand 'quote'"],
    tag: "$$ % $ { } \\n",
    removalPolicy: RemovalPolicy.RETAIN,
  };

  test("every string reaches the API byte for byte; a second plan has no changes; destroy under RETAIN keeps it", async () => {
    process.env[PROVIDER_BUNDLE_ENV] = REAL_BUNDLE;
    const emu = await startEmulator({ credentials: [{ secretId: SECRET_ID, secretKey: SECRET_KEY }], quiet: true, qps: 0 });
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "fg-home-"));
    try {
      const { dir } = synthStack({ Odd: ODD });
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, TENCENTCLOUD_SECRET_ID: SECRET_ID, TENCENTCLOUD_SECRET_KEY: SECRET_KEY, TENCENTCLOUD_IAI_ENDPOINT: emu.url };
      expect((await terraform(dir, ["init", "-no-color"], env)).code).toBe(0);
      const apply = await terraform(dir, ["apply", "-auto-approve", "-no-color"], env);
      expect(apply).toEqual(expect.objectContaining({ code: 0 }));
      expect(emu.groups()).toEqual([
        expect.objectContaining({ GroupId: ODD.groupId, GroupName: ODD.groupName, GroupExDescriptions: ODD.groupExDescriptions, Tag: ODD.tag, FaceModelVersion: "3.0" }),
      ]);
      expect((await terraform(dir, ["plan", "-detailed-exitcode", "-no-color"], env)).code).toBe(0);
      expect((await terraform(dir, ["destroy", "-auto-approve", "-no-color"], env)).code).toBe(0);
      expect(emu.groups()).toHaveLength(1);
    } finally {
      process.env[PROVIDER_BUNDLE_ENV] = bundle.file;
      await emu.stop();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
