/**
 * ValidateResourceConfig: every documented rule (src/api, the same table the construct checks at synth) as an error
 * pointing at the attribute — `group_ex_descriptions[2]` points at that element. Unknown values are skipped here
 * (Terraform validates again once they are known; apply re-checks before any write).
 */
import { checkSpec, SpecKey, SpecViolation, SPEC_CHECKS, formatViolation, PROP_OF } from "../../api/face-group-spec";
import { checkExDescription, LIMITS } from "../../api/rules";
import { AttributePath, Diagnostic, isUnknown, PathStep, TfObject, TfValue } from "../protocol/types";

/** The resource attributes that carry a spec key (all but id). */
export const CHECKED_ATTRIBUTES: readonly SpecKey[] = ["group_id", "group_name", "group_ex_descriptions", "tag", "face_model_version", "region", "removal_policy"];

const ATTRIBUTE_OF_PROP = new Map(Object.entries(PROP_OF).map(([key, prop]) => [prop, key]));

/** `groupExDescriptions[2]` (a construct prop) → the attribute path and its text `group_ex_descriptions[2]`. */
function pathOf(prop: string): { path: AttributePath; text: string } {
  const m = /^([A-Za-z]+)(?:\[(\d+)\])?$/.exec(prop);
  const attribute = (m && ATTRIBUTE_OF_PROP.get(m[1])) ?? prop;
  const path: PathStep[] = [{ attribute }];
  if (m?.[2] !== undefined) path.push({ index: Number(m[2]) });
  return { path, text: m?.[2] !== undefined ? `${attribute}[${m[2]}]` : attribute };
}

/** One violation as an error diagnostic at its attribute, worded as today's messages with the attribute's name. */
export function violationDiagnostic(v: SpecViolation): Diagnostic {
  const { path, text } = pathOf(v.prop);
  return { severity: "error", summary: `Invalid ${text}`, detail: formatViolation({ ...v, prop: text }), attribute: path };
}

/** The description list's rules when some elements are unknown: count, and each known element. */
function checkPartlyKnownList(list: TfValue[]): SpecViolation[] {
  const out: SpecViolation[] = [];
  // The count rule alone: distinct valid stand-ins break no other rule.
  if (list.length > LIMITS.exDescriptionsMaxCount) out.push(...SPEC_CHECKS.group_ex_descriptions(list.map((_, i) => String(i))));
  list.forEach((d, i) => {
    if (!isUnknown(d)) out.push(...checkExDescription(d, i).map(({ rule, value }) => ({ prop: `${PROP_OF.group_ex_descriptions}[${i}]`, rule: rule.replace(/^\[\d+\] /, ""), value })));
  });
  const known = list.filter((d) => !isUnknown(d));
  if (new Set(known).size < known.length) out.push(...SPEC_CHECKS.group_ex_descriptions(known).filter((v) => /unique/.test(v.rule)));
  return out;
}

/**
 * Every violated rule of the known values of `config`, as diagnostics with attribute paths.
 * @param keys the attributes to check (a data source checks only its own) @default every checked attribute of the resource
 */
export function validateGroupConfig(config: TfObject, keys: readonly SpecKey[] = CHECKED_ATTRIBUTES): Diagnostic[] {
  const violations = keys.flatMap((key): SpecViolation[] => {
    const value = config[key];
    if (isUnknown(value)) return [];
    if (Array.isArray(value) && value.some(isUnknown)) return checkPartlyKnownList(value);
    return checkSpec({ [key]: value }, [key]);
  });
  return violations.map(violationDiagnostic);
}
