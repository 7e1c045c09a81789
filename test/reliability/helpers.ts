/**
 * Shared by the fault and crash tests: declarations of many groups with varied fields, `cdktf synth` + `terraform
 * apply` in the stack folder (cheaper than `cdktf deploy` for 400 resources), and readers of what reached the API,
 * what the emulator holds and what the Terraform state records.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { RequestRecord, StoredGroup } from "../../src/emulator";
import { CdktfProject, expectSuccess, GroupDecl } from "../support/cdktf-project";
import { RunningCommand, start } from "../support/processes";

/** The credentials every reliability emulator accepts. */
export const CREDS = { secretId: "AKIDreliability000000000000000000", secretKey: "reliabilitySecretKey0000000000000" };

/** The handler environment pointing at `url` with `creds`, plus `extra`. */
export function apiEnv(url: string, extra: NodeJS.ProcessEnv = {}, creds = CREDS): NodeJS.ProcessEnv {
  return { TENCENTCLOUD_IAI_ENDPOINT: url, TENCENTCLOUD_SECRET_ID: creds.secretId, TENCENTCLOUD_SECRET_KEY: creds.secretKey, ...extra };
}

/** `n` groups `<prefix>-<i>` with varied fields (descriptions, tag, model version), construct ids `<Prefix><i>`. */
export function groupDecls(n: number, prefix: string, over: Record<string, unknown> = {}): GroupDecl[] {
  const construct = prefix.replace(/[^A-Za-z0-9]/g, "").replace(/^./, (c) => c.toUpperCase());
  return Array.from({ length: n }, (_, i) => ({
    id: `${construct}${i}`,
    props: {
      groupId: `${prefix}-${i}`,
      groupName: `${prefix} group ${i}`,
      groupExDescriptions: ["Department", "Badge", "Floor"].slice(0, i % 4),
      tag: i % 3 === 0 ? "" : `tag ${i}`,
      faceModelVersion: i % 5 === 0 ? "2.0" : "3.0",
      ...over,
    },
  }));
}

/** The fields of a group the API stores, as the declaration says they must be. */
export function expectedGroup(d: GroupDecl): Omit<StoredGroup, "CreationTimestamp" | "UpdateTimestamp"> {
  const p = d.props as Record<string, any>;
  return {
    Region: p.region ?? "ap-guangzhou",
    GroupId: p.groupId,
    GroupName: p.groupName,
    GroupExDescriptions: p.groupExDescriptions ?? [],
    Tag: p.tag ?? "",
    FaceModelVersion: p.faceModelVersion ?? "3.0",
  };
}

const byId = (a: { GroupId: string }, b: { GroupId: string }) => (a.GroupId < b.GroupId ? -1 : a.GroupId > b.GroupId ? 1 : 0);

/** Exactly the declared groups exist, once each, with exactly the declared fields. */
export function expectExactly(groups: Array<Omit<StoredGroup, "CreationTimestamp" | "UpdateTimestamp">>, decls: readonly GroupDecl[]): void {
  const ids = groups.map((g) => g.GroupId);
  expect(ids.length - new Set(ids).size).toBe(0); // no duplicate GroupId
  const got = groups.map(({ Region, GroupId, GroupName, GroupExDescriptions, Tag, FaceModelVersion }) => ({ Region, GroupId, GroupName, GroupExDescriptions, Tag, FaceModelVersion }));
  expect(got.sort(byId)).toEqual(decls.map(expectedGroup).sort(byId));
}

// ---- cdktf / terraform ------------------------------------------------------------------------------------------

/** `cdktf synth` (the real CLI) then `terraform init` in each stack folder. */
export async function synth(project: CdktfProject, stacks: string[], env: NodeJS.ProcessEnv): Promise<void> {
  expectSuccess(await project.cdktf(["synth"], env));
  for (const s of stacks) expectSuccess(await project.terraform(s, ["init", "-input=false"], env));
}

/** Starts a plain `terraform apply -auto-approve` (parallelism 10, no lock flags) in the stack folder. */
export function startApply(project: CdktfProject, stack: string, env: NodeJS.ProcessEnv, extra: string[] = []): RunningCommand {
  return start("terraform", ["apply", "-auto-approve", "-input=false", "-parallelism=10", ...extra], { cwd: project.stackDir(stack), env: project.baseEnv(env) });
}

/** Terraform's lock-info file next to the state (left behind when terraform is killed). */
export function lockInfoFile(project: CdktfProject, stack: string): string {
  const file = project.statePath(stack);
  return path.join(path.dirname(file), `.${path.basename(file)}.lock.info`);
}

/** The file's text, "" when it does not exist. */
export function readIfExists(file: string): string {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
}

/** One FaceGroup part recorded in the state. */
export interface PartState {
  readonly address: string;
  readonly kind: "identity" | "settings";
  readonly groupId: string;
  readonly tainted: boolean;
  readonly input: Record<string, unknown>;
}

/**
 * The FaceGroup parts the stack's state records. Terraform reads a missing or empty file as "no state" (a killed
 * terraform can leave it empty: the local backend truncates, then rewrites it); anything else must be JSON.
 */
export function stateParts(project: CdktfProject, stack: string): PartState[] {
  const text = readIfExists(project.statePath(stack));
  if (text === "") return [];
  const state = JSON.parse(text);
  return state.resources
    .filter((r: any) => r.mode === "managed" && r.type === "terraform_data")
    .flatMap((r: any) =>
      r.instances.map((i: any) => ({
        address: `terraform_data.${r.name}`,
        kind: r.name.endsWith("_settings") ? "settings" : "identity",
        groupId: i.attributes.input.value.group_id,
        tainted: i.status === "tainted",
        input: i.attributes.input.value,
      })),
    );
}

/** Group ids of the settings parts recorded as done (present and not tainted). */
export function settledGroupIds(parts: PartState[]): string[] {
  return parts.filter((p) => p.kind === "settings" && !p.tainted).map((p) => p.groupId).sort();
}

/** The state records exactly the declared groups, both parts each, none tainted, settings input = declaration. */
export function expectStateConverged(project: CdktfProject, stack: string, decls: readonly GroupDecl[]): void {
  const parts = stateParts(project, stack);
  expect(parts.filter((p) => p.tainted).map((p) => p.address)).toEqual([]);
  const ids = decls.map((d) => d.props.groupId as string).sort();
  expect(parts.filter((p) => p.kind === "identity").map((p) => p.groupId).sort()).toEqual(ids);
  expect(settledGroupIds(parts)).toEqual(ids);
  const settings = parts.filter((p) => p.kind === "settings").map((p) => p.input);
  const asGroup = (s: Record<string, any>) => ({ Region: s.region, GroupId: s.group_id, GroupName: s.group_name, GroupExDescriptions: s.group_ex_descriptions, Tag: s.tag, FaceModelVersion: s.face_model_version });
  expect(settings.map(asGroup).sort(byId)).toEqual(decls.map(expectedGroup).sort(byId));
}

// ---- what the handler printed and what reached the API ----------------------------------------------------------

/** Terraform's "Apply complete! Resources: …" line (compared as a whole: a failed match never dumps the output). */
export function applySummary(output: string): string | undefined {
  return /Apply complete! Resources: .*/.exec(output)?.[0];
}

/** The handler's lines (`face-group <GroupId>: <text>`) in Terraform's output, per outcome. */
export function handlerLines(output: string): { lines: Array<{ groupId: string; text: string }>; retries: number; adopted: string[]; created: string[]; failed: string[] } {
  const lines = [...output.matchAll(/face-group (\S+): (.*)$/gm)].map((m) => ({ groupId: m[1], text: m[2] }));
  const ids = (re: RegExp) => [...new Set(lines.filter((l) => re.test(l.text)).map((l) => l.groupId))].sort();
  return {
    lines,
    retries: lines.filter((l) => Number(/ attempt=(\d+) /.exec(l.text)?.[1] ?? 1) > 1).length,
    adopted: ids(/^existed .*adopted/),
    created: ids(/^created in /),
    failed: ids(/^FAILED /),
  };
}

/** True when the request changed the store (performed, whether or not its answer reached the client). */
function performed(r: RequestRecord): boolean {
  return r.code === "OK" && (r.fault === undefined || r.fault === "drop-after" || r.fault === "latency");
}

/** How many CreateGroup calls the API performed, per GroupId. */
export function createsPerformed(requests: readonly RequestRecord[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of requests) if (r.action === "CreateGroup" && performed(r)) m.set(r.groupId!, (m.get(r.groupId!) ?? 0) + 1);
  return m;
}

/** Every declared group was created exactly once by the API, and nothing was deleted. */
export function expectCreatedOnce(requests: readonly RequestRecord[], decls: readonly GroupDecl[]): void {
  const creates = createsPerformed(requests);
  const ids = decls.map((d) => d.props.groupId as string).sort();
  expect([...creates.keys()].sort()).toEqual(ids);
  expect([...creates.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  expect(requests.filter((r) => r.action === "DeleteGroup")).toEqual([]);
}

/** Number of requests per injected fault kind (and per answered code for the rest). */
export function countBy<T>(items: readonly T[], key: (t: T) => string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of items) {
    const k = key(t);
    if (k !== undefined) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
