/**
 * The documented rules of the IAI group APIs (CreateGroup / ModifyGroup pages), written once.
 *
 * The construct checks them at synth, the provider re-checks values that were tokens at synth, and the
 * emulator enforces them on the wire. "Characters" are Unicode code points (an emoji is one character);
 * GroupId is limited in UTF-8 bytes.
 */
import { ErrorCode } from "./error-codes";

/** Limits from the CreateGroup documentation. */
export const LIMITS = {
  /** GroupId: at most 64 bytes (UTF-8). */
  groupIdMaxBytes: 64,
  /** GroupName: 1–60 characters. */
  groupNameMaxChars: 60,
  /** At most 5 custom description fields per group. */
  exDescriptionsMaxCount: 5,
  /** Each description field: 1–30 characters. */
  exDescriptionMaxChars: 30,
  /** Tag: 0–40 characters. */
  tagMaxChars: 40,
  /** 100,000 groups per APPID. */
  maxGroupsPerAccount: 100_000,
  /** GetGroupList: Limit at most 1000. */
  listMaxLimit: 1000,
  /** Group-management APIs: 50 QPS per account. */
  qps: 50,
} as const;

/** The model versions CreateGroup accepts. */
export const FACE_MODEL_VERSIONS = ["2.0", "3.0"] as const;
/** A model version CreateGroup accepts. */
export type FaceModelVersion = (typeof FACE_MODEL_VERSIONS)[number];
/** The documented default model version. */
export const DEFAULT_FACE_MODEL_VERSION: FaceModelVersion = "3.0";

/** GroupId may hold only English letters, digits and `-%@#&_`. */
export const GROUP_ID_PATTERN = /^[A-Za-z0-9\-%@#&_]+$/;

/** The fields of a group as the API names them. */
export type GroupField = "GroupId" | "GroupName" | "GroupExDescriptions" | "Tag" | "FaceModelVersion";

/** One violated rule: which field, the API error code the service answers with, and the rule in words. */
export interface RuleViolation {
  /** API field name, e.g. `GroupName`. */
  readonly field: GroupField;
  /** The error code the service returns for this violation. */
  readonly code: ErrorCode;
  /** The rule in words, e.g. "at most 64 bytes (UTF-8)". */
  readonly rule: string;
  /** The offending value (for messages; truncate before printing). */
  readonly value: unknown;
}

/** Number of Unicode code points in `s` (what the documentation calls characters). */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** UTF-8 byte length of `s`. */
export function byteLength(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

function violation(field: GroupField, code: ErrorCode, rule: string, value: unknown): RuleViolation {
  return { field, code, rule, value };
}

/** Checks a GroupId. Returns every violated rule (empty when valid). */
export function checkGroupId(value: unknown): RuleViolation[] {
  if (value === undefined || value === null || value === "") {
    return [violation("GroupId", "MissingParameter.ErrorParameterEmpty", "is required and may not be empty", value)];
  }
  if (typeof value !== "string") return [violation("GroupId", "InvalidParameter.InvalidParameter", "must be a string", value)];
  const out: RuleViolation[] = [];
  if (byteLength(value) > LIMITS.groupIdMaxBytes) {
    out.push(violation("GroupId", "InvalidParameterValue.GroupIdTooLong", `must be at most ${LIMITS.groupIdMaxBytes} bytes (UTF-8), is ${byteLength(value)}`, value));
  }
  if (!GROUP_ID_PATTERN.test(value)) {
    out.push(violation("GroupId", "InvalidParameterValue.GroupIdIllegal", "only letters, digits and -%@#&_ are allowed", value));
  }
  return out;
}

/** Checks a GroupName (required on create, optional on modify). */
export function checkGroupName(value: unknown): RuleViolation[] {
  if (value === undefined || value === null || value === "") {
    return [violation("GroupName", "MissingParameter.ErrorParameterEmpty", `is required: 1–${LIMITS.groupNameMaxChars} characters`, value)];
  }
  if (typeof value !== "string") return [violation("GroupName", "InvalidParameter.InvalidParameter", "must be a string", value)];
  const n = charCount(value);
  if (n > LIMITS.groupNameMaxChars) {
    return [violation("GroupName", "InvalidParameterValue.GroupNameTooLong", `must be 1–${LIMITS.groupNameMaxChars} characters, is ${n}`, value)];
  }
  return [];
}

/** Checks a Tag (optional; 0–40 characters). */
export function checkTag(value: unknown): RuleViolation[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== "string") return [violation("Tag", "InvalidParameter.InvalidParameter", "must be a string", value)];
  const n = charCount(value);
  if (n > LIMITS.tagMaxChars) {
    return [violation("Tag", "InvalidParameterValue.GroupTagTooLong", `must be 0–${LIMITS.tagMaxChars} characters, is ${n}`, value)];
  }
  return [];
}

/** Checks one description field name (1–30 characters). */
export function checkExDescription(value: unknown, index: number): RuleViolation[] {
  const where = `[${index}]`;
  if (typeof value !== "string") {
    return [violation("GroupExDescriptions", "InvalidParameter.InvalidParameter", `${where} must be a string`, value)];
  }
  if (value === "") {
    return [violation("GroupExDescriptions", "InvalidParameterValue.GroupExDescriptionsNameIllegal", `${where} may not be empty: 1–${LIMITS.exDescriptionMaxChars} characters`, value)];
  }
  const n = charCount(value);
  if (n > LIMITS.exDescriptionMaxChars) {
    return [violation("GroupExDescriptions", "InvalidParameterValue.GroupExDescriptionsNameTooLong", `${where} must be 1–${LIMITS.exDescriptionMaxChars} characters, is ${n}`, value)];
  }
  return [];
}

/** Checks the GroupExDescriptions list (optional; at most 5, each 1–30 characters, unique). */
export function checkExDescriptions(value: unknown): RuleViolation[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    return [violation("GroupExDescriptions", "InvalidParameter.InvalidParameter", "must be a list of strings", value)];
  }
  const out: RuleViolation[] = [];
  if (value.length > LIMITS.exDescriptionsMaxCount) {
    out.push(violation("GroupExDescriptions", "InvalidParameterValue.GroupExDescriptionsExceed", `at most ${LIMITS.exDescriptionsMaxCount} fields are allowed, got ${value.length}`, value));
  }
  value.forEach((d, i) => out.push(...checkExDescription(d, i)));
  const seen = new Set<unknown>();
  for (const d of value) {
    if (seen.has(d)) {
      out.push(violation("GroupExDescriptions", "InvalidParameterValue.GroupExDescriptionsNameIdentical", `field names must be unique within the group; '${String(d)}' repeats`, value));
      break;
    }
    seen.add(d);
  }
  return out;
}

/** Checks a FaceModelVersion (optional; "2.0" or "3.0"). */
export function checkFaceModelVersion(value: unknown): RuleViolation[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== "string") return [violation("FaceModelVersion", "InvalidParameter.InvalidParameter", "must be a string", value)];
  if (!(FACE_MODEL_VERSIONS as readonly string[]).includes(value)) {
    return [violation("FaceModelVersion", "InvalidParameterValue.FaceModelVersionIllegal", `must be one of ${FACE_MODEL_VERSIONS.map((v) => `"${v}"`).join(", ")}`, value)];
  }
  return [];
}

/** The fields of a CreateGroup request, as the API names them (values not yet trusted). */
export interface CreateGroupFields {
  GroupId?: unknown;
  GroupName?: unknown;
  GroupExDescriptions?: unknown;
  Tag?: unknown;
  FaceModelVersion?: unknown;
}

/** Every violated rule of a CreateGroup request, in documentation order. */
export function checkCreateGroup(req: CreateGroupFields): RuleViolation[] {
  return [
    ...checkGroupName(req.GroupName),
    ...checkGroupId(req.GroupId),
    ...checkExDescriptions(req.GroupExDescriptions),
    ...checkTag(req.Tag),
    ...checkFaceModelVersion(req.FaceModelVersion),
  ];
}

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const SHORT_ESCAPES: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `s` on one line: control characters (newline, carriage return, tab, …) shown as escapes such as `\n`. */
function escapeControlCharacters(s: string): string {
  return s.replace(CONTROL_CHARACTERS, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A value as text: strings as they are, others JSON-encoded; one JSON cannot encode (circular, too deep) by its kind. */
function asText(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Array.isArray(value) ? "[…]" : typeof value === "object" && value !== null ? "{…}" : String(value);
  }
}

/**
 * Shortens a value for a message: strings as they are, other values JSON-encoded; at most `max` characters; control
 * characters escaped, so a value never breaks (or forges) a line of output.
 */
export function truncateForMessage(value: unknown, max = 80): string {
  const s = asText(value);
  return escapeControlCharacters(charCount(s) > max ? `${[...s].slice(0, max).join("")}…` : s);
}

/** A value as messages quote it: in single quotes, truncated and escaped like {@link truncateForMessage}. */
export function quoted(value: unknown): string {
  return `'${truncateForMessage(value)}'`;
}
