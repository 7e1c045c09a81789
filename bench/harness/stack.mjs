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
/** The app with N bare terraform_data resources running `node -e 0`. */
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
  const state = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")).terraform?.backend?.local?.path;
  if (!state || !path.resolve(stackDir, state).startsWith(`${outDir}${path.sep}`)) {
    throw new Error(`synth of ${path.basename(app)}: the Terraform state (${state}) would live outside ${outDir}`);
  }
  return { ms: r.ms, stackDir };
}

/**
 * Runs `terraform <args>` in a stack folder. Throws on a non-zero exit unless `allowFailure`.
 * @param {string} stackDir
 * @param {string[]} args
 * @param {{env: Record<string,string>, log: string, allowFailure?: boolean}} ctx
 * @returns {Promise<{code: number|null, ms: number}>}
 */
export async function terraform(stackDir, args, ctx) {
  const r = await run("terraform", args, { cwd: stackDir, env: ctx.env, log: ctx.log });
  if (r.code !== 0 && !ctx.allowFailure) {
    throw new Error(`terraform ${args[0]} in ${stackDir} failed (exit ${r.code}):\n${tail(ctx.log)}`);
  }
  return { code: r.code, ms: r.ms };
}

/** `terraform init` (no provider to download: terraform_data is built in). */
export const init = (dir, ctx) => terraform(dir, ["init", "-input=false", "-no-color"], ctx);
/** `terraform apply -auto-approve -parallelism=10`. */
export const apply = (dir, ctx) =>
  terraform(dir, ["apply", "-auto-approve", "-input=false", "-no-color", `-parallelism=${PARALLELISM}`], ctx);
/** `terraform plan -parallelism=10`. */
export const plan = (dir, ctx) => terraform(dir, ["plan", "-input=false", "-no-color", `-parallelism=${PARALLELISM}`], ctx);

/**
 * The "structure floor" of a FaceGroup stack: a copy of its cdk.tf.json in which every create-time handler run
 * (`node …/handler.js apply`) is replaced by `node -e 0`, with its own state. Everything else — two resources per
 * group, their dependency, the FACE_GROUP environment — is kept, so its apply time minus the node floor is what
 * the stack's shape costs, and the FaceGroup apply minus it is what the handler costs.
 * @param {string} groupsStackDir a synthesized FaceGroup stack folder
 * @param {string} outDir where to write the copy (removed first)
 * @returns {{stackDir: string, replaced: number}}
 */
export function structureFloorStack(groupsStackDir, outDir) {
  fs.rmSync(outDir, { recursive: true, force: true });
  const stackDir = path.join(outDir, "stacks", "bench");
  fs.mkdirSync(stackDir, { recursive: true });
  const tf = JSON.parse(fs.readFileSync(path.join(groupsStackDir, "cdk.tf.json"), "utf8"));
  let replaced = 0;
  for (const resource of Object.values(tf.resource?.terraform_data ?? {})) {
    for (const p of resource.provisioner ?? []) {
      const exec = p["local-exec"];
      if (exec && exec.when === undefined && /handler\.js apply$/.test(exec.command)) {
        exec.command = "node -e 0";
        replaced++;
      }
    }
  }
  tf.terraform.backend = { local: { path: path.join(outDir, "terraform.bench.tfstate") } };
  fs.writeFileSync(path.join(stackDir, "cdk.tf.json"), JSON.stringify(tf));
  return { stackDir, replaced };
}
