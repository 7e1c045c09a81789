/**
 * Preloaded into the provider with NODE_OPTIONS=--require (Node refuses --cpu-prof in NODE_OPTIONS): profiles the
 * process with the inspector from its first line to its exit and writes a .cpuprofile into BENCH_CPU_PROF_DIR.
 * Only the provider's own process is profiled (not `node --version` or other node runs that inherit the variable).
 * In the main thread the inspector answers synchronously, so the profile can be written from the 'exit' event.
 */
"use strict";
const path = require("node:path");

if (process.env.BENCH_CPU_PROF_DIR && /provider\.js$/.test(process.argv[1] ?? "")) {
  const fs = require("node:fs");
  const inspector = require("node:inspector");
  const session = new inspector.Session();
  session.connect();
  // 250 µs: a provider that only starts and answers lives a few hundred ms; the default 1 ms gives too few samples.
  session.post("Profiler.setSamplingInterval", { interval: 250 });
  session.post("Profiler.enable");
  session.post("Profiler.start");
  process.on("exit", () => {
    session.post("Profiler.stop", (err, r) => {
      if (err) return;
      const file = path.join(process.env.BENCH_CPU_PROF_DIR, `provider-${process.pid}-${Date.now()}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(r.profile));
    });
  });
}
