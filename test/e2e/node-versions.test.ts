/**
 * Every supported Node.js major, not only the machine's: the end-to-end lifecycle (deploy, diff, rename in place,
 * drift, import, destroy) and the provider's protocol tests run again in a Jest started by each extra major's `node`
 * (npm's binaries, devDependencies), with that `node` first on PATH. So the test code and the emulator, the app at
 * synth (started by the CLI as `node`) and the provider (started by Terraform's launcher as `node`) all run on it;
 * the lifecycle asserts the app's and the provider's `process.version`, and its test title carries the version.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkTerraform } from "../../src/tooling/prerequisites";
import { REPO_ROOT, run } from "../support/cdktf-project";
import { CDKTF_CLI_NEWEST_MAJOR, EXTRA_NODE_MAJORS, nodeRuntime, withPathFirst } from "../support/node-runtimes";

jest.setTimeout(15 * 60_000);

const JEST = path.join(REPO_ROOT, "node_modules", "jest", "bin", "jest.js");
const FILES = ["test/e2e/lifecycle.test.ts", "test/provider/protocol/"];

/** The part of Jest's --json result read here. */
interface JestJson {
  numTotalTestSuites: number;
  numFailedTestSuites: number;
  numTotalTests: number;
  numPassedTests: number;
  testResults: Array<{ name: string; status: string; message: string; assertionResults: Array<{ fullName: string; status: string }> }>;
}

describe.each(EXTRA_NODE_MAJORS)("Node.js %i", (major) => {
  test("the lifecycle and the protocol tests pass with the app, the provider and the emulator on it", async () => {
    checkTerraform();
    const runtime = nodeRuntime(major); // throws (naming `npm ci`) when the binary is missing: never a skip
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `fg-node${major}-`));
    try {
      let env = withPathFirst(process.env, path.dirname(runtime.node));
      if (major > CDKTF_CLI_NEWEST_MAJOR) env = { ...env, FACE_GROUPS_TEST_CDKTF_CLI_NODE: nodeRuntime(CDKTF_CLI_NEWEST_MAJOR).node };
      const out = path.join(tmp, "results.json");
      // --reporters default: the inner run must not write the outer run's .jest-results.json.
      const inner = await run(runtime.node, [JEST, "--ci", "--reporters", "default", "--json", "--outputFile", out, "--", ...FILES], { cwd: REPO_ROOT, env });
      if (!fs.existsSync(out)) throw new Error(`Jest on ${runtime.version} wrote no result (exit ${inner.code}):\n${inner.output.slice(-6000)}`);
      const result: JestJson = JSON.parse(fs.readFileSync(out, "utf8"));
      const failed = result.testResults.flatMap((f) => [
        ...(f.status === "failed" && f.assertionResults.length === 0 ? [`${path.relative(REPO_ROOT, f.name)}: ${f.message}`] : []),
        ...f.assertionResults.filter((a) => a.status !== "passed").map((a) => `${path.relative(REPO_ROOT, f.name)}: ${a.fullName} (${a.status})`),
      ]);
      if (failed.length > 0 || inner.code !== 0) throw new Error(`on Node.js ${runtime.version}:\n${failed.join("\n")}\n\n${inner.output.slice(-6000)}`);

      const suites = result.testResults.map((f) => path.relative(REPO_ROOT, f.name)).sort();
      expect(suites).toContain("test/e2e/lifecycle.test.ts");
      expect(suites.filter((f) => f.startsWith("test/provider/protocol/")).length).toBeGreaterThanOrEqual(5);
      expect(result.numPassedTests).toBe(result.numTotalTests);
      // The lifecycle's own check of process.version for the app and the provider ran, and saw this major.
      const titles = result.testResults.flatMap((f) => f.assertionResults.map((a) => a.fullName));
      expect(titles.some((t) => t.endsWith(`the app and the provider run on Node.js ${runtime.version}`))).toBe(true);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
