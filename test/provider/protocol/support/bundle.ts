/** Builds the echo test provider into a single-file bundle with the project's own bundler script. */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "..", "..", "..", "..");

/** The repository's root folder. */
export const REPO_ROOT = root;

/** Bundles test/provider/protocol/support/echo-main.ts into `outfile` (like the real provider's bundle). */
export function buildEchoBundle(outfile: string): string {
  execFileSync(process.execPath, [join(root, "scripts/bundle-provider.mjs"), "--entry", "test/provider/protocol/support/echo-main.ts", "--outfile", outfile], { cwd: root, stdio: "inherit" });
  return outfile;
}
