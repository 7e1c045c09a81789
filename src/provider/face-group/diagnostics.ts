/**
 * Failures as Terraform diagnostics: what failed, the API's words (Code, Message, RequestId), the GroupId and region,
 * and what to do — the lines of src/handler/errors.ts, with every secret hidden.
 */
import { truncateForMessage } from "../../api/rules";
import { DeadlineError, describeFailure } from "../../handler/errors";
import { Diagnostic } from "../protocol/types";
import { Redactor } from "./session";

/** The error diagnostic of a failed operation (`verb`: create, update, read, delete) on one group. */
export function failureDiagnostic(e: unknown, verb: string, groupId: string, region: string, redactor: Redactor): Diagnostic {
  let detail = describeFailure(e, truncateForMessage(groupId));
  if (e instanceof DeadlineError) detail += " (or the provider's deadline_seconds)";
  return {
    severity: "error",
    summary: `Cannot ${verb} face group '${truncateForMessage(groupId)}' in ${truncateForMessage(region)}`,
    detail: redactor.apply(detail),
  };
}
