/**
 * The floor app: BENCH_N bare `terraform_data` resources in one stack named "bench", each with an `input` and no
 * provisioner — the least Terraform and cdktf can do per resource (a built-in resource, no plugin process), so it is
 * what the FaceGroup app is measured against for synth, apply, plan and `cdktf diff`.
 */
"use strict";
const { App, PgBackend, TerraformResource, TerraformStack } = require("cdktf");

/**
 * The thinnest `terraform_data`: cdktf's own DataResource is not used because its validation runs
 * `terraform version` once per instance, which would make the floor slower than the FaceGroup app.
 */
class BareData extends TerraformResource {
  constructor(scope, id, input) {
    super(scope, id, { terraformResourceType: "terraform_data" });
    this.input = input;
  }

  synthesizeAttributes() {
    return { input: this.input };
  }
}

const n = Number(process.env.BENCH_N);
if (!Number.isInteger(n) || n < 1) throw new Error("BENCH_N must be a positive integer");

const app = new App();
const stack = new TerraformStack(app, "bench");
// BENCH_PG_SCHEMA set: the state goes to PostgreSQL, as in the FaceGroup app (the floor of item 7).
if (process.env.BENCH_PG_SCHEMA) new PgBackend(stack, { connStr: "", schemaName: process.env.BENCH_PG_SCHEMA });
for (let i = 0; i < n; i++) new BareData(stack, `Data${i}`, { index: i });
app.synth();
