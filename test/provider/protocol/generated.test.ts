/** The committed generated protobuf code is what the .proto files give (scripts/bundle-provider.mjs --check). */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "./support/bundle";

test("proto/messages.ts is in sync with proto/*.proto", () => {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, "scripts/bundle-provider.mjs"), "--check"], { cwd: REPO_ROOT, encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
});
