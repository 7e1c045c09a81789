/**
 * A throw-away cdktf (or cdktn) project in a temp folder, driven with the real `cdktf` (or `cdktn`) CLI and
 * `terraform`.
 *
 * Its app (app.js) builds one stack per entry of stacks.json with the library's BUILT output (lib/), exactly as a
 * user's app would; tests rewrite stacks.json between deploys to change the declaration. The app records the
 * Node.js version it ran on, and the project puts its chosen `node` first on PATH for the app and the provider.
 */
import { spawn, SpawnOptions } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { nodeBinDir, withPathFirst } from "./node-runtimes";
import { TERRAFORM_BINARY, terraformBinaryEnv } from "./terraform-binary";

/** Repository root. */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/**
 * The CDK a project uses, for both its app's core library and its CLI: "cdktf" is HashiCorp's CDK for Terraform
 * (cdktf + cdktf-cli 0.21), "cdktn" its maintained fork CDK Terrain (cdktn + cdktn-cli 0.24).
 */
export type Cdk = "cdktf" | "cdktn";

const CLI_BIN: Record<Cdk, string> = {
  cdktf: path.join(REPO_ROOT, "node_modules", "cdktf-cli", "bundle", "bin", "cdktf"),
  cdktn: path.join(REPO_ROOT, "node_modules", "cdktn-cli", "bundle", "bin", "cdktn.js"),
};

/** Options of a {@link CdktfProject}. */
export interface ProjectOptions {
  /** The CDK of the app and the CLI. @default "cdktf" */
  readonly cdk?: Cdk;
  /** The `node` that runs the app (at synth) and the provider (at plan/apply), put first on PATH. @default process.execPath */
  readonly node?: string;
  /**
   * The `node` that runs the CLI itself.
   * @default for cdktf env FACE_GROUPS_TEST_CDKTF_CLI_NODE when set (see CDKTF_CLI_NEWEST_MAJOR in node-runtimes.ts), else `node`
   */
  readonly cliNode?: string;
  /**
   * Whether to link the CDK's core library and `constructs` from this repository's node_modules into the project's
   * (offline, the versions the repository pins); false when the test installs the app's dependencies with npm.
   * @default true
   */
  readonly linkCore?: boolean;
}

/** One FaceGroup of a stack: its construct id and props (as a plain JS user would write them). */
export interface GroupDecl {
  readonly id: string;
  readonly props: Record<string, unknown>;
  /** An import id for cdktf's `importFrom` (e.g. `ap-guangzhou/<GroupId>`): the deploy imports the existing group. */
  readonly importFrom?: string;
}

/** One stack of the app. */
export interface StackDecl {
  readonly name: string;
  readonly groups: readonly GroupDecl[];
  /** A local state path relative to the stack folder, instead of cdktf's default (an absolute path). */
  readonly localStatePath?: string;
  /** A `pg` backend (cdktf's PgBackend): the state in PostgreSQL, in its own schema. */
  readonly pgBackend?: { readonly connStr: string; readonly schemaName: string };
  /**
   * More of the stack, as the body of a JS function of `(stack, lib, cdktf)` run after its groups (`lib`: the
   * library's exports; `cdktf`: the core library, cdktn in a cdktn project), e.g.
   * `new cdktf.TerraformOutput(stack, "id", { value: lib.FaceGroup.fromGroupId(stack, "G", "g").groupName })`.
   */
  readonly code?: string;
}

/** What a CLI run produced. */
export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** stdout + stderr, ANSI colours removed. */
  readonly output: string;
}

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** Removes ANSI colour sequences. */
export function stripAnsi(s: string): string {
  return s.replace(ANSI, "");
}

/**
 * Which copy of the library the app loads: "lib" the BUILT output (as a user's app would), "src" the TypeScript
 * sources through tsx, "package" the package name, resolved from the app's node_modules (where a test put it).
 */
export type LibraryCopy = "lib" | "src" | "package";

/** The module the app requires the library from: cdktn apps use the package's `/cdktn` entry (lib/cdktn). */
function libraryModule(library: LibraryCopy, cdk: Cdk): string {
  if (cdk === "cdktn" && library === "src") throw new Error("a cdktn project loads the built library (lib/cdktn), not src");
  const sub = cdk === "cdktn" ? "/cdktn" : "";
  if (library === "package") return `cdktf-tencentcloud-face-groups${sub}`;
  return path.join(REPO_ROOT, library === "src" ? "src/construct" : `lib${sub}`);
}

/** The file the app records its run in: see {@link SynthRecord}. */
const SYNTH_RECORD_FILE = "synth-record.json";

/** What the app records about its last run. */
export interface SynthRecord {
  /** `process.version`. */
  readonly node: string;
  /** Which core libraries (cdktf, cdktn) the app had loaded once synthesized. */
  readonly cores: string[];
}

/** The app.js of a project. */
const appJs = (library: LibraryCopy, cdk: Cdk) => `
${library === "src" ? `require(${JSON.stringify(path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cjs", "index.cjs"))});` : ""}
const cdktf = require(${JSON.stringify(cdk)}); // the core library: cdktf, or cdktn in a cdktn project
const { App, LocalBackend, TerraformStack } = cdktf;
const lib = require(${JSON.stringify(libraryModule(library, cdk))});
const { FaceGroup } = lib;
const stacks = require("./stacks.json");
const app = new App();
for (const s of stacks) {
  const stack = new TerraformStack(app, s.name);
  if (s.localStatePath) new LocalBackend(stack, { path: s.localStatePath });
  if (s.pgBackend) new cdktf.PgBackend(stack, s.pgBackend);
  for (const g of s.groups) {
    const group = new FaceGroup(stack, g.id, g.props);
    if (g.importFrom) group.importFrom(g.importFrom);
  }
  if (s.code) new Function("stack", "lib", "cdktf", s.code)(stack, lib, cdktf);
}
app.synth();
const cores = ["cdktf", "cdktn"].filter((core) => Object.keys(require.cache).some((f) => f.includes(\`/node_modules/\${core}/\`)));
require("fs").writeFileSync(require("path").join(__dirname, ${JSON.stringify(SYNTH_RECORD_FILE)}), JSON.stringify({ node: process.version, cores }));
`;

/** A temp cdktf (or cdktn) project. Call `dispose()` when done. */
export class CdktfProject {
  /** The project folder. */
  readonly dir: string;
  /** The project's CDK. */
  readonly cdk: Cdk;
  private readonly cliNode: string;
  private readonly nodeBin: string;

  /**
   * @param prefix the temp folder's name prefix
   * @param library which copy of the library the app loads @default "lib"
   * @param options the CDK and the Node.js binaries to use
   */
  constructor(prefix = "fg-e2e-", library: LibraryCopy = "lib", options: ProjectOptions = {}) {
    this.cdk = options.cdk ?? "cdktf";
    const node = options.node ?? process.execPath;
    this.cliNode = options.cliNode ?? (this.cdk === "cdktf" ? process.env.FACE_GROUPS_TEST_CDKTF_CLI_NODE : undefined) ?? node;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    this.nodeBin = nodeBinDir(node, this.dir);
    fs.writeFileSync(
      path.join(this.dir, "cdktf.json"),
      JSON.stringify({ app: "node app.js", language: "typescript", terraformProviders: [], terraformModules: [], output: "cdktf.out", codeMakerOutput: ".gen", sendCrashReports: "false", projectId: "00000000-0000-4000-8000-000000000000" }),
    );
    fs.writeFileSync(path.join(this.dir, "app.js"), appJs(library, this.cdk));
    if (options.linkCore ?? true) {
      // The CLI resolves its core library from the app's folder: link the repo's copy.
      fs.mkdirSync(path.join(this.dir, "node_modules"));
      fs.symlinkSync(path.join(REPO_ROOT, "node_modules", this.cdk), path.join(this.dir, "node_modules", this.cdk));
      fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "constructs"), path.join(this.dir, "node_modules", "constructs"));
    }
    fs.writeFileSync(path.join(this.dir, "terraformrc"), "");
  }

  /** Writes the declaration the next synth will build. */
  setStacks(stacks: readonly StackDecl[]): void {
    fs.writeFileSync(path.join(this.dir, "stacks.json"), JSON.stringify(stacks, null, 2));
  }

  /** The synthesized stack folder (where terraform runs). */
  stackDir(stack: string): string {
    return path.join(this.dir, "cdktf.out", "stacks", stack);
  }

  /**
   * The environment every CLI run gets: quiet, colourless, offline, the project's `node` first on PATH, and the tests'
   * one Terraform (TERRAFORM_BINARY_NAME) for cdktf.
   */
  baseEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...withPathFirst(process.env, this.nodeBin), ...terraformBinaryEnv(), CHECKPOINT_DISABLE: "1", CI: "true", FORCE_COLOR: "0", NO_COLOR: "1", TF_IN_AUTOMATION: "1", TF_CLI_CONFIG_FILE: path.join(this.dir, "terraformrc"), ...extra };
    for (const k of ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"]) delete env[k];
    return env;
  }

  /** Runs `cdktf <args>` (or `cdktn <args>` in a cdktn project) in the project. */
  cdktf(args: string[], env: NodeJS.ProcessEnv, opts: { timeoutMs?: number } = {}): Promise<RunResult> {
    return run(...this.cliCommand(args, env), opts.timeoutMs);
  }

  /** The command, arguments and spawn options of `cdktf <args>` in the project (for a caller that starts it itself). */
  cliCommand(args: string[], env: NodeJS.ProcessEnv): [string, string[], SpawnOptions] {
    return [this.cliNode, [CLI_BIN[this.cdk], ...args], { cwd: this.dir, env: this.baseEnv(env) }];
  }

  /** What the app recorded about its last synth, or undefined before the first. */
  synthRecord(): SynthRecord | undefined {
    const file = path.join(this.dir, SYNTH_RECORD_FILE);
    return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : undefined;
  }

  /** Runs `terraform <args>` in a synthesized stack folder. */
  terraform(stack: string, args: string[], env: NodeJS.ProcessEnv, opts: { timeoutMs?: number; cwd?: string } = {}): Promise<RunResult> {
    return run(TERRAFORM_BINARY, args, { cwd: opts.cwd ?? this.stackDir(stack), env: this.baseEnv(env) }, opts.timeoutMs);
  }

  /** `cdktf deploy --auto-approve <stack>`. */
  deploy(stack: string, env: NodeJS.ProcessEnv, extraArgs: string[] = []): Promise<RunResult> {
    return this.cdktf(["deploy", "--auto-approve", ...extraArgs, stack], env);
  }

  /** `cdktf diff <stack>`. */
  diff(stack: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
    return this.cdktf(["diff", stack], env);
  }

  /** `cdktf destroy --auto-approve <stack>`. */
  destroy(stack: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
    return this.cdktf(["destroy", "--auto-approve", stack], env);
  }

  /** Where the stack's local state lives: the local backend's path in cdk.tf.json (cdktf's default is absolute). */
  statePath(stack: string): string {
    const synthesized = JSON.parse(fs.readFileSync(path.join(this.stackDir(stack), "cdk.tf.json"), "utf8"));
    const configured: string | undefined = synthesized.terraform?.backend?.local?.path;
    return path.resolve(this.stackDir(stack), configured ?? "terraform.tfstate");
  }

  /** The stack's local Terraform state, or undefined before the first apply. */
  state(stack: string): { resources: Array<{ type: string; name: string; instances: Array<{ attributes: Record<string, unknown>; status?: string }> }> } | undefined {
    const file = this.statePath(stack);
    return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : undefined;
  }

  /** Removes the project folder. */
  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Runs a command to completion, capturing stdout+stderr (ANSI stripped). */
export function run(cmd: string, args: string[], opts: SpawnOptions, timeoutMs = 10 * 60_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output: stripAnsi(output) });
    });
  });
}

/** Fails with the command's output when it did not exit 0 (so a failing test shows why). */
export function expectSuccess(result: RunResult): void {
  if (result.code !== 0) throw new Error(`exit ${result.code}${result.signal ? ` (${result.signal})` : ""}; output:\n${result.output.slice(-6000)}`);
}

/**
 * A plan's header line for one resource, e.g. `# tencentcloudiai_face_group.employees (Employees) will be created`:
 * cdktf adds the construct path in parentheses, plain terraform does not.
 */
export function planHeader(type: string, name: string, what: string): RegExp {
  return new RegExp(`# ${type}\\.${name}(?: \\([^)]*\\))? ${what}`);
}

/** Environment variables that make Terraform write the provider's log lines (its stderr) to `file`. */
export function providerLogEnv(file: string): NodeJS.ProcessEnv {
  return { TF_LOG_PROVIDER: "DEBUG", TF_LOG_PATH: file };
}

/** The Node.js versions of the provider processes a Terraform log (see {@link providerLogEnv}) shows started. */
export function providerNodeVersions(log: string): string[] {
  return [...log.matchAll(/\[tencentcloudiai provider\] Node\.js (v\d+\.\d+\.\d+) at /g)].map((m) => m[1]);
}
