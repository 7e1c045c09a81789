/**
 * Our entry in the stack folder's `.terraform.lock.hcl`, written at synth so that:
 * - cdktf 0.21 finds the provider locked at the required version and does not run `terraform providers lock`
 *   (which asks the public registry and fails offline; cdktf reads `provider`, `version` and `constraints` lines);
 * - `terraform init` accepts the package (the `h1:` hash equals what init would record) and leaves the file alone.
 * Only our block is replaced; every other provider's block, and any other text, is kept as it is.
 */

/** The lock file's name in the stack folder. */
export const LOCK_FILE_NAME = ".terraform.lock.hcl";

/** Terraform's own header of a new lock file. */
const HEADER = '# This file is maintained automatically by "terraform init".\n# Manual edits may be lost in future updates.\n';

/** One provider's lock entry. */
export interface LockEntry {
  /** The full source address, e.g. `face-groups.invalid/ns/type`. */
  readonly source: string;
  /** The selected version. */
  readonly version: string;
  /** The version constraint of `required_providers` (here the exact version). */
  readonly constraints: string;
  /** The package hashes (`h1:…`). */
  readonly hashes: readonly string[];
}

/** The block as Terraform formats it (same spacing), so `init` sees nothing to rewrite. */
export function renderLockBlock(e: LockEntry): string {
  const hashes = e.hashes.map((h) => `    ${JSON.stringify(h)},\n`).join("");
  return `provider ${JSON.stringify(e.source)} {\n  version     = ${JSON.stringify(e.version)}\n  constraints = ${JSON.stringify(e.constraints)}\n  hashes = [\n${hashes}  ]\n}\n`;
}

/** The line range [start, end] of `source`'s block in `lines`, or undefined. A block ends at the first `}` line. */
function findBlock(lines: readonly string[], source: string): [number, number] | undefined {
  const opener = `provider ${JSON.stringify(source)} {`;
  const start = lines.findIndex((l) => l.trim() === opener);
  if (start < 0) return undefined;
  const end = lines.findIndex((l, i) => i > start && /^\}\s*$/.test(l));
  return end < 0 ? undefined : [start, end];
}

/**
 * The lock file text with `entry` in it: our block replaced in place when present, appended otherwise; a new file
 * gets Terraform's header. Line endings of an existing file are kept.
 */
export function mergeLockFile(existing: string | undefined, entry: LockEntry): string {
  const block = renderLockBlock(entry);
  if (existing === undefined || existing.trim() === "") return `${HEADER}\n${block}`;
  const eol = existing.includes("\r\n") ? "\r\n" : "\n";
  const lines = existing.split(/\r?\n/);
  const ours = block.slice(0, -1).split("\n");
  const found = findBlock(lines, entry.source);
  if (found) {
    lines.splice(found[0], found[1] - found[0] + 1, ...ours);
  } else {
    while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
    lines.push("", ...ours);
  }
  const text = lines.join(eol);
  return text.endsWith(eol) ? text : text + eol;
}
