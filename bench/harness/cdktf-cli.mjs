/**
 * Item 4: `cdktf diff` through the real cdktf CLI, on a one-resource stack that is already deployed — the command a
 * user runs most, where the provider's fixed cost (its start-up, several times per command) is not hidden by
 * hundreds of resources. One project per app (a FaceGroup, or a bare terraform_data), each with its own state.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { run, tail } from "./proc.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const CDKTF_BIN = path.join(ROOT, "node_modules", "cdktf-cli", "bundle", "bin", "cdktf");

/**
 * The environment the CLI gets: quiet, colourless and offline (no telemetry, no update check), and without cdktf's
 * default TF_PLUGIN_CACHE_DIR (~/.terraform.d/plugin-cache): the construct would pin a cache entry there pointing
 * into bench/.work, which every run deletes — a benchmark must not leave the user's shared cache dangling.
 */
const cliEnv = (env) => ({ ...env, CI: "true", FORCE_COLOR: "0", NO_COLOR: "1", CDKTF_DISABLE_PLUGIN_CACHE_ENV: "1", DISABLE_VERSION_CHECK: "1" });

/**
 * A cdktf project folder whose app is one of bench/apps with BENCH_N=1 (cdktf runs it with its own CDKTF_OUTDIR).
 * @param {string} dir the project folder (removed first)
 * @param {string} app FACE_GROUPS_APP or BARE_APP
 * @returns {{dir: string, stackDir: string}}
 */
export function cdktfProject(dir, app) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, "cdktf.json"),
    JSON.stringify({ app: `${JSON.stringify(process.execPath)} ${JSON.stringify(app)}`, language: "typescript", terraformProviders: [], terraformModules: [], output: "cdktf.out", codeMakerOutput: ".gen", sendCrashReports: "false", projectId: "00000000-0000-4000-8000-0000000000be" }),
  );
  return { dir, stackDir: path.join(dir, "cdktf.out", "stacks", "bench") };
}

/**
 * Runs `cdktf <args>` in a project; throws on a non-zero exit.
 * @param {{dir: string}} project
 * @param {string[]} args
 * @param {{env: Record<string,string>, log: string}} ctx
 * @returns {Promise<{ms: number}>}
 */
export async function cdktf(project, args, ctx) {
  const r = await run(process.execPath, [CDKTF_BIN, ...args], { cwd: project.dir, env: cliEnv({ ...ctx.env, BENCH_N: "1" }), log: ctx.log });
  if (r.code !== 0) throw new Error(`cdktf ${args.join(" ")} in ${project.dir} failed (exit ${r.code}):\n${tail(ctx.log)}`);
  return { ms: r.ms };
}

/**
 * Deploys the project once (`cdktf deploy --auto-approve`, no other flag: the first deploy must work offline), so
 * every measured diff is of an up-to-date stack. A stack without providers gets an empty lock file: otherwise cdktf
 * runs `terraform providers lock` on every command, which would slow the floor down for a reason no real project has.
 */
export async function deployOnce(project, ctx) {
  await cdktf(project, ["deploy", "--auto-approve", "bench"], ctx);
  const lock = path.join(project.stackDir, ".terraform.lock.hcl");
  if (!fs.existsSync(lock)) fs.writeFileSync(lock, "");
}

/**
 * `cdktf diff bench` (synth, terraform init, terraform plan), timed whole; checks the stack is reported unchanged.
 * @returns {Promise<{ms: number}>}
 */
export async function diff(project, ctx) {
  const before = fs.existsSync(ctx.log) ? fs.statSync(ctx.log).size : 0;
  const r = await cdktf(project, ["diff", "bench"], ctx);
  const said = fs.readFileSync(ctx.log, "utf8").slice(before);
  if (!/No changes/.test(said)) throw new Error(`cdktf diff of an up-to-date stack did not say "No changes":\n${tail(ctx.log)}`);
  return r;
}
