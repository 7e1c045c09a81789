/**
 * What a user's `cdktf synth` reports for invalid FaceGroups. A real `App.synth()` renders every resource before it
 * runs validations (unlike `Testing.synth(stack, true)`), so the FaceGroup guard is what the user sees: it must list
 * the problems of every FaceGroup of the app at once, not only those of the first group rendered.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, TerraformStack } from "cdktf";
import { SPEC_CHECKS } from "../../src/api/face-group-spec";
import { FaceGroup, FaceGroupProps } from "../../src/construct";
import { PROVIDER_BUNDLE_ENV } from "../../src/install";
import { FakeBundle, fakeProviderBundle } from "../support/fake-provider";

let bundle: FakeBundle;
beforeAll(() => (bundle = fakeProviderBundle()));
afterAll(() => bundle.dispose());

let outdir: string;
beforeEach(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), "fg-app-synth-"));
});
afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

/** The error `app.synth()` throws (fails the test when it does not throw). */
function synthError(app: App): string {
  try {
    app.synth();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected app.synth() to fail");
}

/** Two stacks, several invalid groups (props and a duplicate across stacks), valid groups in between. */
function invalidApp(options: { skipValidation?: boolean } = {}): App {
  const app = new App({ outdir, ...options });
  const one = new TerraformStack(app, "One");
  const two = new TerraformStack(app, "Two");
  new FaceGroup(one, "Fine", { groupId: "fine", groupName: "Fine" });
  new FaceGroup(one, "Employees", { groupId: "Tencent Employees", groupName: "" });
  new FaceGroup(one, "Visitors", { groupId: "visitors", groupName: "Visitors", tag: "t".repeat(41) });
  new FaceGroup(two, "Fine", { groupId: "fine-two", groupName: "Fine two" });
  new FaceGroup(two, "Model", { groupId: "model", groupName: "Model", faceModelVersion: "4.0", region: "Mars" });
  new FaceGroup(two, "Copy", { groupId: "fine", groupName: "Copy" });
  return app;
}

const EVERY_PROBLEM = [
  "6 problems in 4 FaceGroups; nothing was synthesized:",
  "  [One/Employees] groupId 'Tencent Employees' at One/Employees: only letters, digits and -%@#&_ are allowed",
  "  [One/Employees] groupName '' at One/Employees: is required: 1–60 characters",
  `  [One/Visitors] tag '${"t".repeat(41)}' at One/Visitors: must be 0–40 characters, is 41`,
  `  [Two/Model] faceModelVersion '4.0' at Two/Model: must be one of "2.0", "3.0"`,
  `  [Two/Model] region 'Mars' at Two/Model: must be a Tencent Cloud region id such as "ap-guangzhou" (lower case, e.g. ap-shanghai, na-siliconvalley)`,
  "  [Two/Copy] groupId 'fine' at Two/Copy: already declared at One/Fine in region ap-guangzhou; a GroupId names one group per region",
].join("\n");

describe("app.synth() of invalid FaceGroups in a real App", () => {
  test("one error lists every problem of every FaceGroup in every stack, and nothing is written", () => {
    expect(synthError(invalidApp())).toBe(EVERY_PROBLEM);
    // cdktf's App creates the empty stacks/ folder up front; no stack folder, cdk.tf.json or manifest follows.
    expect(fs.readdirSync(outdir, { recursive: true })).toEqual(["stacks"]);
  });

  test("the same error with validations skipped (the guard still refuses)", () => {
    expect(synthError(invalidApp({ skipValidation: true }))).toBe(EVERY_PROBLEM);
  });

  test("one problem in one group: singular header", () => {
    const app = new App({ outdir });
    new FaceGroup(new TerraformStack(app, "S"), "G", { groupId: "g", groupName: "n".repeat(61) });
    expect(synthError(app)).toBe(`1 problem in 1 FaceGroup; nothing was synthesized:\n  [S/G] groupName '${"n".repeat(61)}' at S/G: must be 1–60 characters, is 61`);
  });

  test("validation errors come first even when the provider bundle is missing", () => {
    process.env[PROVIDER_BUNDLE_ENV] = path.join(outdir, "missing.js");
    try {
      expect(synthError(invalidApp())).toBe(EVERY_PROBLEM);
      const app = new App({ outdir });
      new FaceGroup(new TerraformStack(app, "S"), "G", { groupId: "g", groupName: "n" });
      expect(synthError(app)).toContain("missing.js, which does not exist");
    } finally {
      process.env[PROVIDER_BUNDLE_ENV] = bundle.file;
    }
  });

  test("a valid app still synthesizes every stack", () => {
    const app = new App({ outdir });
    new FaceGroup(new TerraformStack(app, "One"), "A", { groupId: "a", groupName: "a" });
    new FaceGroup(new TerraformStack(app, "Two"), "A", { groupId: "a", groupName: "a", region: "ap-beijing" });
    app.synth();
    for (const s of ["One", "Two"]) expect(fs.existsSync(path.join(outdir, "stacks", s, "cdk.tf.json"))).toBe(true);
  });
});

describe("each group's problems are computed once per synth", () => {
  const n = 2000;
  let calls: jest.SpyInstance;
  beforeEach(() => {
    calls = jest.spyOn(SPEC_CHECKS as Record<string, (v: unknown) => unknown[]>, "group_id");
  });
  afterEach(() => calls.mockRestore());

  function app(invalidAt: readonly number[]): App {
    const a = new App({ outdir });
    const stacks = [new TerraformStack(a, "One"), new TerraformStack(a, "Two")];
    for (let i = 0; i < n; i++) {
      const props: FaceGroupProps = { groupId: invalidAt.includes(i) ? `bad id ${i}` : `g${i}`, groupName: `n${i}` };
      new FaceGroup(stacks[i % 2], `G${i}`, props);
    }
    return a;
  }

  test(`${n} valid groups: rendered twice and validated once by cdktf, checked once`, () => {
    app([]).synth();
    expect(calls).toHaveBeenCalledTimes(n);
  });

  test(`${n} groups, three invalid: one error naming the three, every group checked once`, () => {
    const message = synthError(app([7, 1000, 1999]));
    expect(message.split("\n")).toEqual([
      "3 problems in 3 FaceGroups; nothing was synthesized:",
      ...[7, 1000, 1999].map((i) => `  [${i % 2 ? "Two" : "One"}/G${i}] groupId 'bad id ${i}' at ${i % 2 ? "Two" : "One"}/G${i}: only letters, digits and -%@#&_ are allowed`),
    ]);
    expect(calls).toHaveBeenCalledTimes(n);
  });
});
