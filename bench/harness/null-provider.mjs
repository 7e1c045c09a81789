/**
 * Puts the null provider (bench/apps/null-provider.ts: our address and schema, no API calls) in place of the real
 * one in a synthesized and initialized stack: bundled once per run the way the real provider is, copied over the
 * provider.js of the stack's implied local mirror, then `terraform init` again so the lock file takes its hash.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { init } from "./stack.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Every provider.js under `dir` (the mirror holds one per platform). */
function providerFiles(dir) {
  return fs.readdirSync(dir, { recursive: true }).filter((f) => path.basename(f) === "provider.js").map((f) => path.join(dir, f));
}

/**
 * Swaps the null provider into a prepared stack (see items/apply.mjs `prepare`).
 * @param {{work: string}} bench
 * @param {{dir: string, ctx: {env: Record<string,string>, log: string}}} stack
 */
export async function useNullProvider(bench, stack) {
  const bundle = path.join(bench.work, "null-provider.js");
  if (!fs.existsSync(bundle)) {
    execFileSync(process.execPath, [path.join(ROOT, "scripts", "bundle-provider.mjs"), "--entry", "bench/apps/null-provider.ts", "--outfile", bundle], { cwd: ROOT, stdio: "inherit" });
  }
  const files = providerFiles(path.join(stack.dir, "terraform.d", "plugins"));
  if (files.length === 0) throw new Error(`no provider.js in ${stack.dir}/terraform.d/plugins: did the construct place the provider?`);
  for (const f of files) fs.copyFileSync(bundle, f);
  fs.rmSync(path.join(stack.dir, ".terraform", "providers"), { recursive: true, force: true });
  fs.rmSync(path.join(stack.dir, ".terraform.lock.hcl"), { force: true });
  await init(stack.dir, stack.ctx);
}
