/**
 * The declaration of one face group, keyed like the provider resource's attributes (snake_case).
 *
 * The construct checks its props at synth and the provider checks the resource's configuration (validate) and planned
 * values (apply) with the one check table below, so a rule the construct skipped because the value was a token at
 * synth is enforced with the same words at apply.
 */
import {
  checkExDescriptions,
  checkFaceModelVersion,
  checkGroupId,
  checkGroupName,
  checkTag,
  truncateForMessage,
} from "./rules";

/** What happens to the group when its FaceGroup is destroyed (see the construct's `RemovalPolicy`). */
export const REMOVAL_POLICIES = ["retain", "destroy"] as const;
/** A removal policy as it appears in the spec. */
export type RemovalPolicyValue = (typeof REMOVAL_POLICIES)[number];
/** The removal policy when none is declared: never delete data by accident. */
export const DEFAULT_REMOVAL_POLICY: RemovalPolicyValue = "retain";
/** The region when none is declared (the Tencent Cloud Terraform provider's default too). */
export const DEFAULT_REGION = "ap-guangzhou";
/**
 * The shape of a Tencent Cloud region id (`ap-guangzhou`, `na-siliconvalley`, `ap-shanghai-fsi`). A shape, not a
 * list: the API is the authority on which regions exist, and a list here would reject regions added later.
 */
export const REGION_PATTERN = /^[a-z]{2}-[a-z]+(?:-[a-z0-9]+)*$/;

/**
 * Longest accepted region id. Real ones are under 20 characters (`na-siliconvalley`, `ap-shanghai-fsi`); the cap
 * keeps a hostile `X-TC-Region` from becoming a partition key, a record or a log line of any size.
 */
export const MAX_REGION_LENGTH = 64;

/** What names a group, plus what to do on destroy. */
export interface IdentitySpec {
  readonly group_id: string;
  readonly face_model_version: string;
  readonly region: string;
  readonly removal_policy: RemovalPolicyValue;
}

/** Everything the live group is converged to. */
export interface SettingsSpec {
  readonly group_id: string;
  readonly group_name: string;
  readonly group_ex_descriptions: readonly string[];
  readonly tag: string;
  readonly face_model_version: string;
  readonly region: string;
}

/** A spec key (snake_case, as written in the Terraform input). */
export type SpecKey = keyof IdentitySpec | keyof SettingsSpec;

/** One violated rule, named by the construct prop the user wrote. */
export interface SpecViolation {
  /** The construct prop, e.g. `groupExDescriptions[2]`. */
  readonly prop: string;
  /** The rule in words. */
  readonly rule: string;
  /** The offending value (truncated when formatted). */
  readonly value: unknown;
}

/** The keys of a {@link SettingsSpec}, in the order they are checked. */
export const SETTINGS_KEYS: readonly (keyof SettingsSpec)[] = [
  "group_id",
  "group_name",
  "group_ex_descriptions",
  "tag",
  "face_model_version",
  "region",
];

/** Checks a region: optional, a string shaped like a Tencent Cloud region id. */
export function checkRegion(value: unknown): SpecViolation[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== "string") return [{ prop: "region", rule: "must be a string", value }];
  if (value.length > MAX_REGION_LENGTH) {
    return [{ prop: "region", rule: `is ${value.length} characters long; a region id has at most ${MAX_REGION_LENGTH}`, value }];
  }
  if (!REGION_PATTERN.test(value)) {
    return [{ prop: "region", rule: "must be a Tencent Cloud region id such as \"ap-guangzhou\" (lower case, e.g. ap-shanghai, na-siliconvalley)", value }];
  }
  return [];
}

/** Checks a removal policy: optional, "retain" or "destroy". */
export function checkRemovalPolicy(value: unknown): SpecViolation[] {
  if (value === undefined || value === null) return [];
  if (!(REMOVAL_POLICIES as readonly unknown[]).includes(value)) {
    return [{ prop: "removalPolicy", rule: `must be one of ${REMOVAL_POLICIES.map((p) => `"${p}"`).join(", ")} (RemovalPolicy.RETAIN / RemovalPolicy.DESTROY)`, value }];
  }
  return [];
}

/** The construct prop that carries each spec key. */
export const PROP_OF: Readonly<Record<SpecKey, string>> = {
  group_id: "groupId",
  group_name: "groupName",
  group_ex_descriptions: "groupExDescriptions",
  tag: "tag",
  face_model_version: "faceModelVersion",
  region: "region",
  removal_policy: "removalPolicy",
};

/** Rules of the API fields come from rules.ts; `[i] …` rules of one list element name the element as the prop. */
function fromRules(prop: string, violations: { rule: string; value: unknown }[]): SpecViolation[] {
  return violations.map(({ rule, value }) => {
    const element = /^\[(\d+)\] (.*)$/s.exec(rule);
    return element ? { prop: `${prop}[${element[1]}]`, rule: element[2], value } : { prop, rule, value };
  });
}

/** The check of each spec key (one table for construct and provider). */
export const SPEC_CHECKS: Readonly<Record<SpecKey, (value: unknown) => SpecViolation[]>> = {
  group_id: (v) => fromRules("groupId", checkGroupId(v)),
  group_name: (v) => fromRules("groupName", checkGroupName(v)),
  group_ex_descriptions: (v) => fromRules("groupExDescriptions", checkExDescriptions(v)),
  tag: (v) => fromRules("tag", checkTag(v)),
  face_model_version: (v) => fromRules("faceModelVersion", checkFaceModelVersion(v)),
  region: checkRegion,
  removal_policy: checkRemovalPolicy,
};

/** Every violated rule of the given keys of a spec (empty when valid). */
export function checkSpec(spec: Readonly<Record<string, unknown>>, keys: readonly SpecKey[]): SpecViolation[] {
  return keys.flatMap((key) => SPEC_CHECKS[key](spec[key]));
}

/**
 * One violation as a sentence: `groupId 'Tencent Employees in Shenzhen' at MyStack/Employees: only letters, digits
 * and -%@#&_ are allowed`. `where` is the construct path at synth; the provider has none and leaves it out.
 */
export function formatViolation(v: SpecViolation, where?: string): string {
  const shown = v.value === undefined || v.value === null ? "(missing)" : `'${truncateForMessage(v.value)}'`;
  return `${v.prop} ${shown}${where ? ` at ${where}` : ""}: ${v.rule}`;
}
