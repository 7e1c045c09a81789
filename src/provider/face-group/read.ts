/**
 * ReadResource: the live group becomes the new state, so changes made outside Terraform show in the next plan
 * (drift); a group that no longer exists is removed from the state (Terraform then plans its re-creation).
 * group_id, region and removal_policy are Terraform's own and come from the current state. Reads of many groups
 * share GetGroupList pages (src/handler/group-lookup.ts: one listing per process when the account is small).
 */
import { ReadResourceRequest, ReadResourceResponse } from "../protocol/types";
import { failureDiagnostic } from "./diagnostics";
import { noteRefresh } from "./predict";
import { Session } from "./session";
import { fromLive, str } from "./state";

/** ReadResource for the face group resource. */
export async function readGroup(req: ReadResourceRequest, session: Session): Promise<ReadResourceResponse> {
  const state = req.currentState;
  const groupId = str(state.group_id);
  const region = str(state.region);
  try {
    const { lookup } = await session.region(region);
    const reading = lookup.read(groupId);
    // The refreshed group is part of this plan: plan-time predictions tell its name apart from a foreign group's.
    noteRefresh(session, region, groupId, reading);
    const live = await reading;
    return { newState: live ? fromLive(state, live) : null, diagnostics: [] };
  } catch (e) {
    return { newState: state, diagnostics: [failureDiagnostic(e, "read", groupId, region, session.redactor)] };
  }
}
