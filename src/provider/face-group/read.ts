/**
 * ReadResource: the live group becomes the new state, so changes made outside Terraform show in the next plan
 * (drift); a group that no longer exists is removed from the state (Terraform then plans its re-creation).
 * group_id, region and removal_policy are Terraform's own and come from the current state. The refreshes of a stack
 * share one listing of the account per process; a group the listing does not show as the state recorded it is asked
 * with GetGroupInfo (src/handler/group-lookup.ts).
 */
import { ReadResourceRequest, ReadResourceResponse } from "../protocol/types";
import { failureDiagnostic } from "./diagnostics";
import { noteRefresh } from "./predict";
import { Session } from "./session";
import { fromLive, str, toLive } from "./state";

/** ReadResource for the face group resource. */
export function readGroup(req: ReadResourceRequest, session: Session): Promise<ReadResourceResponse> {
  const state = req.currentState;
  const reading = refresh(state, session);
  // The refreshed group is part of this plan (from the moment Terraform asks): predictions tell it from a foreign group.
  noteRefresh(session, str(state.region), str(state.group_id), reading);
  return reading;
}

async function refresh(state: ReadResourceRequest["currentState"], session: Session): Promise<ReadResourceResponse> {
  const groupId = str(state.group_id);
  const region = str(state.region);
  try {
    const { lookup } = await session.region(region);
    const live = await lookup.read(groupId, toLive(state));
    return { newState: live ? fromLive(state, live) : null, diagnostics: [] };
  } catch (e) {
    return { newState: state, diagnostics: [failureDiagnostic(e, "read", groupId, region, session.redactor)] };
  }
}
