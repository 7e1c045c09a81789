/**
 * A cdktf app with BENCH_N FaceGroups in one stack named "bench", written as a plain-JS user would write it
 * (`require` of the built library). The harness runs it as `node face-groups-app.js` with CDKTF_OUTDIR set.
 * BENCH_PG_SCHEMA set: the state goes to PostgreSQL (pg backend, that schema; the URL comes from PG_CONN_STR).
 * BENCH_PROVIDER_QPS set: the provider's rate limit (item 8's reference run without any limit).
 */
"use strict";
const path = require("node:path");
const { App, PgBackend, TerraformStack } = require("cdktf");
// A user writes require("cdktf-tencentcloud-face-groups"); the benchmark uses the repository's built lib/.
const { FaceGroup, TencentcloudIaiProvider } = require(path.join(__dirname, "..", "..", "lib"));
const { groupProps, groupConstructId } = require("./groups");

const n = Number(process.env.BENCH_N);
if (!Number.isInteger(n) || n < 1) throw new Error("BENCH_N must be a positive integer");
if (typeof FaceGroup !== "function") throw new Error("lib/ does not export FaceGroup: run `npm run build`");

const app = new App();
const stack = new TerraformStack(app, "bench");
if (process.env.BENCH_PG_SCHEMA) new PgBackend(stack, { connStr: "", schemaName: process.env.BENCH_PG_SCHEMA });
if (process.env.BENCH_PROVIDER_QPS) new TencentcloudIaiProvider(stack, "iai", { qps: Number(process.env.BENCH_PROVIDER_QPS) });
for (let i = 0; i < n; i++) new FaceGroup(stack, groupConstructId(i), groupProps(i));
app.synth();
