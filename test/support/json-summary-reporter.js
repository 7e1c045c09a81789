/**
 * Jest reporter that writes the run's aggregated result (Jest's JSON result shape, without per-test detail)
 * to `.jest-results.json`, so `.ci/run` can run exactly the README's `npm test` and still read the counts.
 */
const fs = require("node:fs");
const path = require("node:path");

class JsonSummaryReporter {
  constructor(globalConfig) {
    this.file = path.join(globalConfig.rootDir, ".jest-results.json");
  }
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTotalTests, numFailedTestSuites, numRuntimeErrorTestSuites, success, startTime } = results;
    const failures = results.testResults
      .filter((r) => r.numFailingTests > 0 || r.testExecError)
      .map((r) => ({ file: path.relative(process.cwd(), r.testFilePath), failing: r.testResults.filter((t) => t.status === "failed").map((t) => t.fullName), error: r.testExecError?.message }));
    const summary = { success, numTotalTests, numPassedTests, numFailedTests, numPendingTests, numFailedTestSuites, numRuntimeErrorTestSuites, startTime, failures };
    fs.writeFileSync(this.file, JSON.stringify(summary, null, 2));
  }
}
module.exports = JsonSummaryReporter;
