/**
 * The warning a plan gives before it deletes a group (removal_policy "destroy": destroy, removal from the
 * configuration, replacement): the group, and how many persons and faces go with it, counted by GetPersonListNum —
 * a read, through the session's rate limiter and retries, within {@link COUNT_DEADLINE_SECONDS}. A count that cannot
 * be read still gives the warning, saying why; it is never an error (the plan stays usable) and never silent.
 */
import { truncateForMessage } from "../../api/rules";
import { NOT_EXIST } from "../../handler/converge";
import { ApiError, apiWords, DeadlineError, describeFailure, hintFor } from "../../handler/errors";
import { Diagnostic, TfObject } from "../protocol/types";
import { Session } from "./session";
import { str } from "./state";

/**
 * Longest time one count may take, retries included (or deadline_seconds when shorter): a plan must not wait minutes
 * on a throttled API for a number that only informs. Once one count runs out of it, the process's later counts are
 * not tried (see {@link deletionWarning}), so a plan of many deletions stays short too.
 */
export const COUNT_DEADLINE_SECONDS = 15;

/** Per provider process: the count that ran out of time, after which no more are tried. */
const exhausted = new WeakMap<Session, DeadlineError>();

/** "1 person", "3 persons". */
export const plural = (n: number, noun: string) => (n === 1 ? `1 ${noun}` : `${n} ${noun}s`);

/** Why a deletion happens, completing "this plan …" (`replacing`: the attributes that force a replacement). */
export function deletionCause(replacing?: readonly string[]): string {
  return replacing?.length
    ? `replaces the group (${replacing.join(", ")} cannot change in place)`
    : "destroys the resource (terraform destroy, or its removal from the configuration)";
}

/** Why the count is not known, in the API's words, with what to do. */
export function unreadReason(e: unknown, groupId: string): string {
  if (e instanceof ApiError) {
    const hint = e.code.startsWith("AuthFailure.UnauthorizedOperation")
      ? "the credentials may not call GetPersonListNum; grant iai:GetPersonListNum (CAM) to see the count in plans"
      : hintFor(e.code);
    return `GetPersonListNum failed: ${apiWords(e)}; what to do: ${hint}`;
  }
  if (e instanceof DeadlineError) {
    const last = e.last ? ` (last error ${apiWords(e.last)})` : "";
    return `GetPersonListNum kept failing transiently for ${e.deadlineSeconds}s, ${e.attempts} attempt(s)${last}; a plan waits no longer for a count`;
  }
  return `GetPersonListNum could not be called: ${describeFailure(e, groupId)}`;
}

/** What GetPersonListNum answered for a group. */
export interface PersonCount {
  readonly persons: number;
  readonly faces: number;
  readonly requestId: string;
}

/**
 * GetPersonListNum of one group within {@link COUNT_DEADLINE_SECONDS}.
 * @throws the call's failure (ApiError with GroupIdNotExist when the group is gone)
 */
export async function countPersons(session: Session, region: string, groupId: string): Promise<PersonCount> {
  const seconds = Math.min(COUNT_DEADLINE_SECONDS, session.settings.deadlineSeconds);
  const { api } = await session.region(region, seconds);
  const answer = await api.call("GetPersonListNum", { GroupId: groupId });
  return { persons: Number(answer.PersonNum ?? 0), faces: Number(answer.FaceNum ?? 0), requestId: String(answer.RequestId ?? "-") };
}

/**
 * The warning for a plan that deletes the group of `prior` (whose removal_policy is "destroy").
 * @param cause from {@link deletionCause}
 */
export async function deletionWarning(session: Session, prior: TfObject, cause: string): Promise<Diagnostic> {
  const groupId = str(prior.group_id);
  const region = str(prior.region);
  const where = `Face group '${truncateForMessage(groupId)}' (${truncateForMessage(region)})`;
  const loss =
    `removal_policy is "destroy" and this plan ${cause}: DeleteGroup deletes the group with its persons and faces (a person who is also in another ` +
    'group stays there), and no apply can bring them back. To keep them, set removal_policy = "retain" and apply before this change.';
  const warning = (summary: string, detail: string): Diagnostic => ({ severity: "warning", summary, detail: session.redactor.apply(detail) });
  const earlier = exhausted.get(session);
  if (earlier) {
    return warning(
      `${where} will be deleted with its persons and faces; their count could not be read`,
      `GetPersonListNum was not tried: an earlier count of this plan ran out of time (${unreadReason(earlier, groupId)}), so the remaining counts are skipped. ${loss}`,
    );
  }
  try {
    const { persons, faces, requestId } = await countPersons(session, region, groupId);
    const summary =
      persons === 0 && faces === 0
        ? `${where} holds no persons and no faces; applying this plan deletes the empty group.`
        : `${where} holds ${plural(persons, "person")} and ${plural(faces, "face")}; applying this plan deletes them.`;
    return warning(summary, `${loss} (Counted by GetPersonListNum when this plan was made, RequestId=${requestId}.)`);
  } catch (e) {
    if (e instanceof ApiError && e.code === NOT_EXIST) {
      return warning(
        `${where} no longer exists; applying this plan deletes nothing`,
        `GetPersonListNum answered ${apiWords(e)}: the group was deleted outside Terraform after it was last read (or the plan ran with -refresh=false), ` +
          "so no persons or faces are lost; the apply counts the group as deleted.",
      );
    }
    if (e instanceof DeadlineError) exhausted.set(session, e);
    return warning(`${where} will be deleted with its persons and faces; their count could not be read`, `${unreadReason(e, groupId)}. ${loss}`);
  }
}
