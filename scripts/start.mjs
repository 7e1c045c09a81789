// `npm start`: deploy the example stack (examples/main.ts, via ./cdktf.json) to the embedded IAI emulator with the
// real cdktf CLI, then show the face groups the emulator holds. The emulator keeps its state next to the stack's
// Terraform state (cdktf's default local backend: terraform.<stack>.tfstate in the project folder), so a second
// `npm start` plans no changes; delete both files to start over.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { startEmulator } = require(path.join(root, "lib", "emulator"));
const { checkPrerequisites } = require(path.join(root, "lib", "tooling", "prerequisites"));
const { formatGroupTable } = require(path.join(root, "lib", "tooling", "group-table"));

const STACK = "face-groups-example";
const EMULATOR_STATE = `terraform.${STACK}.emulator.json`;

function fail(message) {
  console.error(`\nnpm start: ${message}`);
  process.exit(1);
}

let versions;
try {
  versions = checkPrerequisites();
} catch (e) {
  fail(e.message);
}

// Throw-away credentials: the emulator knows exactly these, and they never leave this process tree.
const credentials = { secretId: `AKIDdemo${randomBytes(8).toString("hex")}`, secretKey: randomBytes(24).toString("hex") };
const emulator = await startEmulator({ credentials: [credentials], statePath: path.join(root, EMULATOR_STATE), quiet: true });
console.log(`IAI emulator listening on ${emulator.url} (state: ${EMULATOR_STATE}); node ${versions.node}, terraform ${versions.terraform}`);
console.log(`Deploying stack ${STACK} with: cdktf deploy --auto-approve ${STACK}\n`);

const env = {
  ...process.env,
  CHECKPOINT_DISABLE: "1",
  TENCENTCLOUD_IAI_ENDPOINT: emulator.url,
  TENCENTCLOUD_SECRET_ID: credentials.secretId,
  TENCENTCLOUD_SECRET_KEY: credentials.secretKey,
};
delete env.TENCENTCLOUD_SESSION_TOKEN;
delete env.TENCENTCLOUD_SECURITY_TOKEN;
// A missing CLI config file (TF_CLI_CONFIG_FILE naming an absent file, or no ~/.terraformrc) makes terraform print a
// scary, harmless warning on every run: point it at an empty file instead.
const configured = env.TF_CLI_CONFIG_FILE || path.join(os.homedir(), ".terraformrc");
if (!fs.existsSync(configured)) {
  const rc = path.join(os.tmpdir(), "face-groups-empty.terraformrc"); // not in cdktf.out/: synth prunes it
  fs.writeFileSync(rc, "");
  env.TF_CLI_CONFIG_FILE = rc;
}

const cdktf = path.join(root, "node_modules", "cdktf-cli", "bundle", "bin", "cdktf");
const child = spawn(process.execPath, [cdktf, "deploy", "--auto-approve", STACK], { cwd: root, env, stdio: "inherit" });
const stopAndExit = async (code) => {
  await emulator.stop();
  process.exit(code);
};
process.on("SIGINT", () => child.kill("SIGINT"));
child.on("close", async (code) => {
  const calls = {};
  for (const r of emulator.requests) calls[`${r.action} ${r.code}`] = (calls[`${r.action} ${r.code}`] ?? 0) + 1;
  console.log(`\nAPI calls that reached the emulator: ${Object.entries(calls).map(([k, n]) => `${k} ×${n}`).join(", ") || "none"}`);
  if (code !== 0) {
    console.error(`cdktf deploy failed (exit ${code}); the emulator's groups are below.`);
  }
  console.log(`\nFace groups in the emulator now:\n${formatGroupTable(emulator.groups())}`);
  await stopAndExit(code === 0 ? 0 : 1);
});
