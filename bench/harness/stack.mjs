/**
 * The two apps under bench/apps, synthesized to a folder and driven with plain `terraform` in the synthesized
 * stack folder (terraform directly rather than `cdktf deploy`: the CLI's own start-up and synth would blur the
 * comparison with the floor).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { run, tail } from "./proc.mjs";

const APPS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "apps");
/** The app with N FaceGroups. */
export const FACE_GROUPS_APP = path.join(APPS, "face-groups-app.js");
/** The floor app: N bare terraform_data resources, no provisioner (Terraform's own cost per resource). */
export const BARE_APP = path.join(APPS, "bare-app.js");
/** Terraform's parallelism for every apply and plan (Terraform's default, too). */
export const PARALLELISM = 10;

/**
 * Synthesizes `app` with N declarations into `outDir` (removed first): one `node app.js` process, timed whole.
 * @param {string} app FACE_GROUPS_APP or BARE_APP
 * @param {number} n how many groups / resources
 * @param {string} outDir CDKTF_OUTDIR
 * @param {{env: Record<string,string>, log: string}} ctx
 * @returns {Promise<{ms: number, stackDir: string}>} the wall time and the synthesized stack folder
 */
export async function synth(app, n, outDir, ctx) {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  // cwd = outDir: cdktf's default local backend puts the state at <cwd>/terraform.<stack>.tfstate (an absolute
  // path), so from a shared cwd every synthesized stack would apply against one and the same state file.
  const r = await run(process.execPath, [app], { cwd: outDir, env: { ...ctx.env, CDKTF_OUTDIR: outDir, BENCH_N: String(n) }, log: ctx.log });
  const stackDir = path.join(outDir, "stacks", "bench");
  if (r.code !== 0 || !fs.existsSync(path.join(stackDir, "cdk.tf.json"))) {
    throw new Error(`synth of ${path.basename(app)} (N=${n}) failed (exit ${r.code}):\n${tail(ctx.log)}`);
  }
  const backend = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")).terraform?.backend;
  const state = backend?.local?.path;
  if (!backend?.pg && (!state || !path.resolve(stackDir, state).startsWith(`${outDir}${path.sep}`))) {
    throw new Error(`synth of ${path.basename(app)}: the Terraform state (${state}) would live outside ${outDir}`);
  }
  return { ms: r.ms, stackDir };
}

/**
 * Runs `terraform <args>` in a stack folder. Throws on a non-zero exit unless `allowFailure`.
 * @param {string} stackDir
 * @param {string[]} args
 * @param {{env: Record<string,string>, log: string, allowFailure?: boolean, okCodes?: number[], onSpawn?: Function}} ctx
 *   `okCodes`: exit codes that are not failures (default [0]); `onSpawn`: gets the terraform child (see proc.run)
 * @returns {Promise<{code: number|null, ms: number}>}
 */
export async function terraform(stackDir, args, ctx) {
  const r = await run("terraform", args, { cwd: stackDir, env: ctx.env, log: ctx.log, onSpawn: ctx.onSpawn });
  if (!(ctx.okCodes ?? [0]).includes(r.code) && !ctx.allowFailure) {
    throw new Error(`terraform ${args[0]} in ${stackDir} failed (exit ${r.code}):\n${tail(ctx.log)}`);
  }
  return { code: r.code, ms: r.ms };
}

/** `terraform init`: offline — terraform_data is built in, our provider sits in the stack's implied local mirror. */
export const init = (dir, ctx) => terraform(dir, ["init", "-input=false", "-no-color"], ctx);
/** `terraform apply -auto-approve -parallelism=10`. */
export const apply = (dir, ctx) =>
  terraform(dir, ["apply", "-auto-approve", "-input=false", "-no-color", `-parallelism=${PARALLELISM}`], ctx);
/**
 * `terraform plan -parallelism=10 -detailed-exitcode` (exit 0: no changes, 2: changes), its output in its own log
 * (`ctx.log`) so the verdict can also be read from Terraform's own words.
 * @returns {Promise<{code: number|null, ms: number, noChanges: boolean}>}
 */
export async function plan(dir, ctx) {
  const r = await terraform(dir, ["plan", "-input=false", "-no-color", "-detailed-exitcode", `-parallelism=${PARALLELISM}`], { ...ctx, okCodes: [0, 2] });
  const said = fs.readFileSync(ctx.log, "utf8").split("\n$ ").pop();
  return { ...r, noChanges: r.code === 0 && /No changes\./.test(said) };
}
