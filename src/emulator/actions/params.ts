/**
 * Request-shape checks shared by the actions (dynalite's `validations/`): unknown fields, JSON types, presence.
 * The documented value rules themselves live once in src/api/rules.ts.
 */
import { checkGroupId } from "../../api/rules";
import { ApiError, throwFirst } from "../errors";

/** A parsed request body (a JSON object). */
export type Params = Record<string, unknown>;

/** Rejects any field not in `allowed` with `UnknownParameter` naming it (`prefix` for nested objects). */
export function checkKnownFields(params: Params, allowed: readonly string[], prefix = ""): void {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) {
      throw new ApiError(
        "UnknownParameter",
        `The parameter \`${prefix}${key}\` is not recognized; this action accepts ${allowed.map((a) => `\`${a}\``).join(", ") || "no parameters"}.`,
      );
    }
  }
}

/**
 * The GroupId of a Get/Modify/Delete-style request: absent or empty → `MissingParameter.ErrorParameterEmpty`,
 * not a string → `InvalidParameter.InvalidParameter`. An id that breaks the CreateGroup rules cannot exist, so it
 * is left to the lookup (→ `GroupIdNotExist`).
 */
export function requireGroupId(params: Params): string {
  const shape = checkGroupId(params.GroupId).filter(
    (v) => v.code === "MissingParameter.ErrorParameterEmpty" || v.code === "InvalidParameter.InvalidParameter",
  );
  throwFirst(shape);
  return params.GroupId as string;
}

/** An optional non-negative integer field; wrong JSON type or negative → `InvalidParameter.InvalidParameter`. */
export function optionalNonNegativeInteger(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new ApiError("InvalidParameter.InvalidParameter", `${name} must be a non-negative integer (got ${JSON.stringify(value)}).`);
  }
  return value;
}

/** True for a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Params {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
