/**
 * Puts the null provider (bench/apps/null-provider.ts: our address and schema, no API calls) in place of the real
 * one in a synthesized stack, before its `terraform init`: bundled once per run the way the real provider is, copied
 * over the provider.js of the stack's implied local mirror, and the lock file synth wrote (with the real provider's
 * hash) removed, so that init records the null provider's.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Every provider.js under `dir` (the mirror holds one per platform). */
function providerFiles(dir) {
  return fs.readdirSync(dir, { recursive: true }).filter((f) => path.basename(f) === "provider.js").map((f) => path.join(dir, f));
}

/**
 * Swaps the null provider into a synthesized stack that has not been initialized (items/apply.mjs `prepare`).
 * @param {{work: string}} bench
 * @param {string} stackDir
 */
export function useNullProvider(bench, stackDir) {
  const bundle = path.join(bench.work, "null-provider.js");
  if (!fs.existsSync(bundle)) {
    execFileSync(process.execPath, [path.join(ROOT, "scripts", "bundle-provider.mjs"), "--entry", "bench/apps/null-provider.ts", "--outfile", bundle], { cwd: ROOT, stdio: "inherit" });
  }
  const files = providerFiles(path.join(stackDir, "terraform.d", "plugins"));
  if (files.length === 0) throw new Error(`no provider.js in ${stackDir}/terraform.d/plugins: did the construct place the provider?`);
  for (const f of files) fs.copyFileSync(bundle, f);
  fs.rmSync(path.join(stackDir, ".terraform.lock.hcl"), { force: true });
}
