/**
 * The emulator's API errors (moto's `exceptions.py`): thrown anywhere in the pipeline, turned into an
 * `{"Response":{"Error":{"Code","Message"},"RequestId"}}` envelope by the wire front.
 */
import { RuleViolation, truncateForMessage } from "../api/rules";

/** An error the emulator answers with (HTTP 200, error envelope). */
export class ApiError extends Error {
  /**
   * @param code the API error code, e.g. `InvalidParameterValue.GroupIdNotExist`
   * @param message what went wrong and, where useful, how to fix it
   */
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The ApiError for a documented rule violation (see src/api/rules.ts). */
export function violationError(v: RuleViolation): ApiError {
  const shown = v.value === undefined ? "" : ` (got ${truncateForMessage(v.value)})`;
  return new ApiError(v.code, `${v.field} ${v.rule}${shown}.`);
}

/** Throws the first violation, if any (the service reports one error per request). */
export function throwFirst(violations: readonly RuleViolation[]): void {
  if (violations.length > 0) throw violationError(violations[0]);
}
