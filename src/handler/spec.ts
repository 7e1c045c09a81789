/**
 * Reads the declaration Terraform passes in FACE_GROUP (`jsonencode(self.input)` of the FaceGroup's part) and checks
 * it with the same table as the construct: values that were tokens at synth are checked here, before any call.
 */
import {
  DEFAULT_REGION,
  DEFAULT_REMOVAL_POLICY,
  IDENTITY_KEYS,
  IdentitySpec,
  SETTINGS_KEYS,
  SettingsSpec,
  checkSpec,
  formatViolation,
} from "../api/face-group-spec";
import { DEFAULT_FACE_MODEL_VERSION, escapeControlCharacters } from "../api/rules";
import { Refusal } from "./errors";

/** The handler's verbs: `apply` (the settings part's create) and `delete` (the identity part's destroy). */
export type Verb = "apply" | "delete";

/** The GroupId to name in output lines, even when the spec is invalid. */
export function groupIdForOutput(raw: string | undefined): string {
  try {
    const id = (JSON.parse(raw ?? "") as { group_id?: unknown }).group_id;
    return typeof id === "string" && id !== "" ? escapeControlCharacters(id) : "?";
  } catch {
    return "?";
  }
}

function parse(raw: string | undefined): Record<string, unknown> {
  if (raw === undefined || raw === "") {
    throw new Refusal(
      "FACE_GROUP is not set. This handler is run by Terraform for a FaceGroup: " +
        `FACE_GROUP='{"group_id":…}' node handler.js apply|delete`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    throw new Refusal(`FACE_GROUP is not valid JSON (${(e as Error).message})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Refusal("FACE_GROUP must be a JSON object");
  return value as Record<string, unknown>;
}

function check(spec: Record<string, unknown>, keys: readonly (keyof SettingsSpec | keyof IdentitySpec)[]): void {
  const violations = checkSpec(spec, keys);
  if (violations.length > 0) {
    throw new Refusal(`invalid declaration in FACE_GROUP, refused before any API call: ${violations.map((v) => formatViolation(v)).join("; ")}`);
  }
}

/** The settings part's spec for `apply`, checked, with defaults filled in. */
export function readSettingsSpec(raw: string | undefined): SettingsSpec {
  const spec = parse(raw);
  check(spec, SETTINGS_KEYS);
  return {
    group_id: spec.group_id as string,
    group_name: spec.group_name as string,
    group_ex_descriptions: (spec.group_ex_descriptions as string[] | undefined) ?? [],
    tag: (spec.tag as string | undefined) ?? "",
    face_model_version: (spec.face_model_version as string | undefined) ?? DEFAULT_FACE_MODEL_VERSION,
    region: (spec.region as string | undefined) ?? DEFAULT_REGION,
  };
}

/**
 * The identity part's spec for `delete`, checked, with defaults filled in (no policy means retain). Keeping a group
 * makes no call, so only the policy is checked then: an odd value elsewhere must not block `terraform destroy`.
 */
export function readIdentitySpec(raw: string | undefined): IdentitySpec {
  const spec = parse(raw);
  check(spec, ["removal_policy"]);
  if ((spec.removal_policy ?? DEFAULT_REMOVAL_POLICY) !== "retain") check(spec, IDENTITY_KEYS);
  return {
    group_id: spec.group_id as string,
    face_model_version: (spec.face_model_version as string | undefined) ?? DEFAULT_FACE_MODEL_VERSION,
    region: (spec.region as string | undefined) ?? DEFAULT_REGION,
    removal_policy: (spec.removal_policy as IdentitySpec["removal_policy"] | undefined) ?? DEFAULT_REMOVAL_POLICY,
  };
}
