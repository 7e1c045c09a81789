/**
 * Preloaded with `node -r` when GNU time is missing: at exit, writes the process's peak RSS (VmHWM, in kB) to
 * BENCH_RSS_FILE. Linux only, like the rest of the benchmark.
 */
"use strict";
const fs = require("node:fs");

process.on("exit", () => {
  const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync("/proc/self/status", "utf8"));
  if (m && process.env.BENCH_RSS_FILE) fs.writeFileSync(process.env.BENCH_RSS_FILE, `${m[1]}\n`);
});
