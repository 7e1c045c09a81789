/**
 * Terraform's `h1:` package hash (Go's `dirhash.Hash1`), the hash `terraform init` records in `.terraform.lock.hcl`
 * for an unpacked provider folder: one line `<sha256 hex>  <relative path>\n` per file, sorted by path, then `h1:` +
 * base64 of the sha256 of those lines. Verified byte for byte against `terraform init` (test/install).
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** One file of a package: its path relative to the package folder (forward slashes) and its bytes. */
export interface PackageFile {
  /** Relative path, `/`-separated. */
  readonly name: string;
  /** The file's content. */
  readonly content: Buffer | string;
  /** Whether the file is executable (mode 0755 instead of 0644). @default false */
  readonly executable?: boolean;
}

const sha256 = (data: Buffer | string) => createHash("sha256").update(data);

/** The `h1:` hash of a package given as files. */
export function hashFiles(files: readonly Pick<PackageFile, "name" | "content">[]): string {
  // Go sorts by byte order; for the ASCII names of a package that is JavaScript's default order.
  const lines = [...files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => `${sha256(f.content).digest("hex")}  ${f.name}\n`)
    .join("");
  return `h1:${sha256(lines).digest("base64")}`;
}

/** The `h1:` hash of a folder on disk (regular files, recursively; symlinks followed as Terraform does). */
export function hashFolder(dir: string): string {
  const files: PackageFile[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel))) {
      const name = rel ? `${rel}/${entry}` : entry;
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(name);
      else files.push({ name, content: fs.readFileSync(full) });
    }
  };
  walk("");
  return hashFiles(files);
}
