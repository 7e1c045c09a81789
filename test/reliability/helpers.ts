/**
 * Shared by the fault and crash tests: declarations of many groups with varied fields, `cdktf synth` + `terraform
 * apply -json` in the stack folder (cheaper than `cdktf deploy` for hundreds of resources, and its diagnostics come
 * unwrapped), the provider processes of a terraform run (found by walking /proc from its PID), and readers of what
 * reached the API, what the emulator holds and what the Terraform state records.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { isTransientCode } from "../../src/api/error-codes";
import { RequestRecord, StoredGroup } from "../../src/emulator";
import { FACE_GROUP_TYPE } from "../../src/provider/address";
import { CdktfProject, expectSuccess, GroupDecl } from "../support/cdktf-project";
import { descendants, ProcInfo, RunningCommand, start } from "../support/processes";
import { TERRAFORM_BINARY } from "../support/terraform-binary";

export { FACE_GROUP_TYPE };

/** The credentials every reliability emulator accepts. */
export const CREDS = { secretId: "AKIDreliability000000000000000000", secretKey: "reliabilitySecretKey0000000000000" };

/** The provider's environment pointing at `url` with `creds`, plus `extra`. */
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

/** The declared GroupIds, sorted. */
export const idsOf = (decls: readonly GroupDecl[]): string[] => decls.map((d) => d.props.groupId as string).sort();

type GroupFields = Omit<StoredGroup, "CreationTimestamp" | "UpdateTimestamp">;

/** The fields of a group the API stores, as the declaration says they must be. */
export function expectedGroup(d: GroupDecl): GroupFields {
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
const fieldsOf = ({ Region, GroupId, GroupName, GroupExDescriptions, Tag, FaceModelVersion }: GroupFields): GroupFields => ({ Region, GroupId, GroupName, GroupExDescriptions, Tag, FaceModelVersion });

/** Exactly the declared groups exist, once each, with exactly the declared fields. */
export function expectExactly(groups: readonly GroupFields[], decls: readonly GroupDecl[]): void {
  const ids = groups.map((g) => g.GroupId);
  expect(ids.length - new Set(ids).size).toBe(0); // no duplicate GroupId
  expect(groups.map(fieldsOf).sort(byId)).toEqual(decls.map(expectedGroup).sort(byId));
}

// ---- cdktf / terraform ------------------------------------------------------------------------------------------

/** `cdktf synth` (the real CLI) then `terraform init` in each stack folder (offline: the provider is placed there). */
export async function synth(project: CdktfProject, stacks: string[], env: NodeJS.ProcessEnv): Promise<void> {
  expectSuccess(await project.cdktf(["synth"], env));
  for (const s of stacks) expectSuccess(await project.terraform(s, ["init", "-input=false"], env));
}

/** Starts a plain `terraform apply -auto-approve -json` (parallelism 10, no lock flags) in the stack folder. */
export function startApply(project: CdktfProject, stack: string, env: NodeJS.ProcessEnv, extra: string[] = []): RunningCommand {
  return start(TERRAFORM_BINARY, ["apply", "-auto-approve", "-input=false", "-json", "-parallelism=10", ...extra], { cwd: project.stackDir(stack), env: project.baseEnv(env) });
}

/** A diagnostic of a `-json` run. */
export interface Diagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly detail: string;
  readonly address?: string;
}

/** The machine-readable messages of a `terraform … -json` run: its diagnostics and its "Apply complete!" line. */
export function jsonRun(output: string): { diagnostics: Diagnostic[]; summary?: string; lines: Array<Record<string, any>> } {
  const lines = output.split("\n").flatMap((l) => {
    if (!l.startsWith("{")) return [];
    try {
      return [JSON.parse(l)];
    } catch {
      return [];
    }
  });
  return {
    lines,
    diagnostics: lines.filter((l) => l.type === "diagnostic").map((l) => ({ detail: "", ...l.diagnostic })),
    summary: lines.find((l) => l.type === "change_summary" && l.changes?.operation !== "plan")?.["@message"],
  };
}

/** The diagnostics of a `-json` run with this severity, each as `summary\ndetail`. */
export function diagnosticTexts(output: string, severity: "error" | "warning"): string[] {
  return jsonRun(output).diagnostics.filter((d) => d.severity === severity).map((d) => `${d.summary}\n${d.detail}`);
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

/** The provider processes (`node …/provider.js`) among the descendants of a terraform we started. */
export function providerProcesses(terraformPid: number): ProcInfo[] {
  return descendants(terraformPid).filter((p) => p.argv.some((a) => a.endsWith("provider.js")));
}

// ---- the state ----------------------------------------------------------------------------------------------------

/** One face group recorded in the state. */
export interface GroupState {
  readonly address: string;
  readonly groupId: string;
  readonly tainted: boolean;
  readonly attributes: Record<string, any>;
}

/**
 * The face groups the stack's state records. Terraform reads a missing or empty file as "no state" (a killed
 * terraform can leave it empty: the local backend truncates, then rewrites it); anything else must be JSON.
 */
export function stateGroups(project: CdktfProject, stack: string): GroupState[] {
  const text = readIfExists(project.statePath(stack));
  return text === "" ? [] : groupsInState(JSON.parse(text));
}

/** The face groups a parsed Terraform state records (it must record nothing else), wherever the state is kept. */
export function groupsInState(state: { resources: any[] }): GroupState[] {
  expect(state.resources.filter((r: any) => r.type !== FACE_GROUP_TYPE).map((r: any) => `${r.type}.${r.name}`)).toEqual([]);
  return state.resources.flatMap((r: any) =>
    r.instances.map((i: any) => ({ address: `${r.type}.${r.name}`, groupId: i.attributes.group_id, tainted: i.status === "tainted", attributes: i.attributes })),
  );
}

/** The group a state entry records, in the API's field names. */
function asGroup(s: GroupState): GroupFields {
  const a = s.attributes;
  return { Region: a.region, GroupId: a.group_id, GroupName: a.group_name, GroupExDescriptions: a.group_ex_descriptions ?? [], Tag: a.tag, FaceModelVersion: a.face_model_version };
}

/** Every group the state records exists in the API with exactly the fields recorded (and declared). */
export function expectStateTrue(recorded: readonly GroupState[], live: readonly StoredGroup[], decls: readonly GroupDecl[]): void {
  expect(recorded.filter((s) => s.tainted).map((s) => s.address)).toEqual([]);
  const ids = recorded.map((s) => s.groupId);
  expect(ids.length - new Set(ids).size).toBe(0);
  expect(recorded.map(asGroup).sort(byId)).toEqual(decls.filter((d) => ids.includes(d.props.groupId as string)).map(expectedGroup).sort(byId));
  const fieldsOf = ({ Region, GroupId, GroupName, GroupExDescriptions, Tag, FaceModelVersion }: StoredGroup): GroupFields => ({ Region, GroupId, GroupName, GroupExDescriptions, Tag, FaceModelVersion });
  expect(recorded.map(asGroup).sort(byId)).toEqual(live.filter((g) => ids.includes(g.GroupId)).map(fieldsOf).sort(byId));
}

/** The state records exactly the declared groups, as declared, none tainted, and agrees with the API. */
export function expectStateConverged(project: CdktfProject, stack: string, decls: readonly GroupDecl[], live: readonly StoredGroup[]): void {
  const recorded = stateGroups(project, stack);
  expect(recorded.map((s) => s.groupId).sort()).toEqual(idsOf(decls));
  expectStateTrue(recorded, live, decls);
}

// ---- what reached the API -----------------------------------------------------------------------------------------

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
  expect([...creates.keys()].sort()).toEqual(idsOf(decls));
  expect([...creates.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  expect(requests.filter((r) => r.action === "DeleteGroup")).toEqual([]);
}

/** An attempt whose client saw a failure worth retrying: an injected fault (not mere latency) or a transient code. */
export function failedTransiently(r: RequestRecord): boolean {
  return r.fault !== undefined ? r.fault !== "latency" : r.code !== "OK" && isTransientCode(r.code);
}

/** GroupIds whose CreateGroup answer was lost after the API performed it (the case that must adopt, not duplicate). */
export function lostCreates(requests: readonly RequestRecord[]): string[] {
  return [...new Set(requests.filter((r) => r.action === "CreateGroup" && r.fault === "drop-after" && r.code === "OK").map((r) => r.groupId!))].sort();
}

/** Number of items per key. */
export function countBy<T>(items: readonly T[], key: (t: T) => string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of items) {
    const k = key(t);
    if (k !== undefined) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
