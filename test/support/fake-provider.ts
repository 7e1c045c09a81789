/**
 * A stand-in for the provider bundle (`lib/provider/bundle/provider.js`), for tests of synthesis and installation
 * that must not depend on the real provider being built. Synthesis picks it up through FACE_GROUPS_PROVIDER_BUNDLE.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROVIDER_BUNDLE_ENV } from "../../src/install";

/** Where the fake bundle of this test file lives. */
export interface FakeBundle {
  /** The bundle file. */
  readonly file: string;
  /** Rewrites the bundle (a library upgrade: new content, same npm version). */
  write(marker: string): void;
  /** Removes the bundle's folder and restores the environment. */
  dispose(): void;
}

/**
 * A fake bundle that, when Terraform starts it, prints `marker` as its first stdout line: Terraform then fails with
 * "Unrecognized remote plugin message: <marker>", which proves init installed it and Terraform launched it.
 */
export function fakeProviderBundle(marker = "FAKE-PROVIDER-1"): FakeBundle {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fg-fake-provider-"));
  const file = path.join(dir, "provider.js");
  const previous = process.env[PROVIDER_BUNDLE_ENV];
  const write = (m: string) => fs.writeFileSync(file, `process.stdout.write(${JSON.stringify(m + "\n")}); process.exit(1);\n`);
  write(marker);
  process.env[PROVIDER_BUNDLE_ENV] = file;
  return {
    file,
    write,
    dispose() {
      if (previous === undefined) delete process.env[PROVIDER_BUNDLE_ENV];
      else process.env[PROVIDER_BUNDLE_ENV] = previous;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
