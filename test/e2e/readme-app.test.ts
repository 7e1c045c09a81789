/**
 * The README's "Use it in your app" section, followed as written by a newcomer: each of its three starts
 * (TypeScript from `cdktf init`, plain JavaScript, cdktn) runs its shell block in an empty folder with the real `npm`
 * against the registry, unpinned `cdktf` / `constructs` as the section says, and the `npm pack` tarball in place of
 * the package name; then the app code block is saved under the name the section gives, and the section's deploy
 * block (`cdktf deploy` then `cdktf destroy`) runs against the emulator with the URL in place of its `PORT`.
 * The emulator is started here, in-process, with the credentials the section exports (its own start command is
 * tested by the emulator's CLI tests), so what reached the API is asserted call by call.
 *
 * The section's .gitignore lines are checked with git: they keep each stack's lock file and nothing else of
 * cdktf.out. Each start shares its one install across its checks: the install is clean (no ERESOLVE, no npm warning naming
 * the package, a clean `npm ls`); the cdktn app is then reinstalled with `npm ci` from the lock file it just wrote
 * (an app's committed lock) before it deploys.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator, startEmulator } from "../../src/emulator";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { writesSince } from "../support/api-calls";
import { terraformBinaryEnv } from "../support/terraform-binary";
import { expectSuccess, REPO_ROOT, run, RunResult } from "../support/cdktf-project";
import { nodeBinDir, nodeRuntime, withPathFirst } from "../support/node-runtimes";
import { npmEnv } from "../support/npm-env";
import { expectCleanInstall, expectNpmLsClean, npm, PACKAGE_NAME, packedTarball } from "../support/packed-package";

jest.setTimeout(15 * 60_000);

/** One fenced block of the section: its language tag and body. */
interface Block {
  readonly lang: string;
  readonly body: string;
}

/** The fenced blocks of the README's "## Use it in your app" section, in order. */
const SECTION_BLOCKS: Block[] = (() => {
  const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const start = readme.indexOf("## Use it in your app");
  if (start < 0) throw new Error('README.md has no "## Use it in your app" section');
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], body: m[2] }));
})();

/** The one block of `lang` whose body contains `marker`; throws naming what the README lacks. */
function block(lang: string, marker: string): string {
  const found = SECTION_BLOCKS.filter((b) => b.lang === lang && b.body.includes(marker));
  if (found.length !== 1) throw new Error(`README "Use it in your app": expected one \`\`\`${lang} block containing ${JSON.stringify(marker)}, found ${found.length}`);
  return found[0].body;
}

/** `text` with every `from` replaced by `to`; throws when `from` does not occur (the README changed under the test). */
function replaceAll(text: string, from: string | RegExp, to: string): string {
  const re = typeof from === "string" ? new RegExp(from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g") : from;
  if (!re.test(text)) throw new Error(`README "Use it in your app": ${String(from)} not found in:\n${text}`);
  return text.replace(re, to);
}

/** A start of the section: how the app is made and what its code looks like. */
interface Start {
  readonly install: string;
  readonly codeFile: string;
  readonly code: string;
  /** The CLI the deploy block runs (`npx cdktf`, or `npx cdktn` as the section says for cdktn). */
  readonly cli: "cdktf" | "cdktn";
  /** A `node` to put first on PATH (cdktn-cli needs Node >= 22.19). */
  readonly node?: () => string;
  /** Reinstall from the lock file with `npm ci` before deploying. */
  readonly ci?: boolean;
}

const mainJs = () => block("js", "require(");
const STARTS: Record<string, () => Start> = {
  "TypeScript (cdktf init)": () => ({ install: block("sh", "init --template=typescript"), codeFile: "main.ts", code: block("ts", "FaceGroup"), cli: "cdktf" }),
  "plain JavaScript": () => ({ install: block("sh", "npm install cdktf "), codeFile: "main.js", code: mainJs(), cli: "cdktf" }),
  cdktn: () => ({
    install: block("sh", "npm install cdktn "),
    codeFile: "main.js",
    // "main.js as above with the two imports changed"
    code: replaceAll(replaceAll(mainJs(), 'require("cdktf")', 'require("cdktn")'), `require("${PACKAGE_NAME}")`, `require("${PACKAGE_NAME}/cdktn")`),
    cli: "cdktn",
    node: () => nodeRuntime(22).node,
    ci: true,
  }),
};

/** Runs a README shell block with bash -e in `cwd`. */
function sh(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  return run("bash", ["-e", "-c", script], { cwd, env });
}

describe.each(Object.keys(STARTS))("README \"Use it in your app\": %s", (name) => {
  let tmp: string;
  let emu: Emulator;
  let env: NodeJS.ProcessEnv;
  let appDir: string;
  let start: Start;
  let deployBlock: string;

  beforeAll(async () => {
    checkTerraform();
    start = STARTS[name]();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fg-readme-"));
    fs.writeFileSync(path.join(tmp, "terraformrc"), "");
    env = npmEnv({ ...process.env, ...terraformBinaryEnv(), CHECKPOINT_DISABLE: "1", CI: "true", FORCE_COLOR: "0", NO_COLOR: "1", TF_IN_AUTOMATION: "1", TF_CLI_CONFIG_FILE: path.join(tmp, "terraformrc") });
    for (const k of ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "TENCENTCLOUD_IAI_ENDPOINT", "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"]) delete env[k];
    if (start.node) env = withPathFirst(env, nodeBinDir(start.node(), tmp));

    // The emulator, with the pair the deploy block exports.
    const emulatorBlock = block("sh", "face-groups emulator");
    const creds = /TENCENTCLOUD_SECRET_ID=(\S+) TENCENTCLOUD_SECRET_KEY=(\S+)/.exec(emulatorBlock);
    if (!creds) throw new Error(`README "Use it in your app": the emulator block exports no TENCENTCLOUD_SECRET_ID/KEY pair:\n${emulatorBlock}`);
    emu = await startEmulator({ credentials: [{ secretId: creds[1], secretKey: creds[2] }], quiet: true });
    deployBlock = replaceAll(block("sh", "deploy --auto-approve"), "http://127.0.0.1:PORT", emu.url);
    if (start.cli === "cdktn") deployBlock = replaceAll(deployBlock, "npx cdktf ", "npx cdktn ");
  });
  afterAll(async () => {
    await emu?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test("the install block installs the packed tarball cleanly: no ERESOLVE, no npm warning naming the package, npm ls clean", async () => {
    // The package name in the npm install line becomes the tarball; everything else runs as written.
    const install = replaceAll(start.install, new RegExp(`(npm install [^\\n]*?)\\b${PACKAGE_NAME}\\b(?![/-])`, "g"), `$1${packedTarball()}`);
    const installed = await sh(install, tmp, env);
    expectCleanInstall(installed, "the README's install block");
    appDir = path.join(tmp, /\bcd (\S+)/.exec(install)![1]);
    await expectNpmLsClean(appDir, env);
    const manifest = JSON.parse(fs.readFileSync(path.join(appDir, "package.json"), "utf8"));
    expect(manifest.dependencies[PACKAGE_NAME]).toMatch(/^file:/);
    if (start.ci) {
      fs.rmSync(path.join(appDir, "node_modules"), { recursive: true });
      expectCleanInstall(await npm(["ci"], appDir, env), "npm ci of the app's lock file");
      await expectNpmLsClean(appDir, env);
    }
  });

  test("the deploy block creates the group and destroys it, through the package's provider", async () => {
    if (!appDir) throw new Error("the install failed (see the test before)");
    fs.writeFileSync(path.join(appDir, start.codeFile), start.code);
    const from = emu.requests.length;
    const deployed = await sh(deployBlock, appDir, env);
    expectSuccess(deployed);
    expect(deployed.output).toMatch(/Apply complete! Resources: 1 added, 0 changed, 0 destroyed/);
    expect(deployed.output).toMatch(/staff_id = "?ap-guangzhou\/my-app-staff/);
    expect(deployed.output).toMatch(/Destroy complete! Resources: 1 destroyed/);
    expect(writesSince(emu, from)).toEqual(["CreateGroup:my-app-staff:OK", "DeleteGroup:my-app-staff:OK"]);
    expect(emu.groups()).toEqual([]);
  });

  test("the .gitignore lines keep each stack's .terraform.lock.hcl, with our provider's entry, and nothing else of cdktf.out", async () => {
    if (!appDir) throw new Error("the install failed (see the tests before)");
    const lines = block("gitignore", "cdktf.out");
    const gitignore = path.join(appDir, ".gitignore");
    // "in place of the cdktf.out line that cdktf init wrote; a JavaScript app adds node_modules and *.tfstate* too"
    if (fs.existsSync(gitignore)) fs.writeFileSync(gitignore, replaceAll(fs.readFileSync(gitignore, "utf8"), /^cdktf\.out$/m, lines.trimEnd()));
    else fs.writeFileSync(gitignore, `${lines}node_modules\n*.tfstate*\n`);
    expectSuccess(await run("git", ["init", "-q", "."], { cwd: appDir, env }));
    const added = await run("git", ["add", "--dry-run", "."], { cwd: appDir, env });
    expectSuccess(added);
    const files = added.output.trim().split("\n").map((l) => l.replace(/^add '(.*)'$/, "$1"));
    expect(files.filter((f) => f.startsWith("cdktf.out/") || f.startsWith("node_modules/"))).toEqual(["cdktf.out/stacks/face-groups/.terraform.lock.hcl"]);
    expect(files).toEqual(expect.arrayContaining([start.codeFile, "cdktf.json", "package.json", "package-lock.json"]));
    expect(files.filter((f) => f.includes(".tfstate"))).toEqual([]);
    const lock = fs.readFileSync(path.join(appDir, "cdktf.out", "stacks", "face-groups", ".terraform.lock.hcl"), "utf8");
    expect(lock).toMatch(/provider "face-groups\.invalid\/cdktf-tencentcloud-face-groups\/tencentcloudiai"/);
  });
});
