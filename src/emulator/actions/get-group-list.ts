/**
 * GetGroupList: a page of the region's groups in creation order, with the total — from the listing index, which may
 * trail the writes (lagging-listing.ts; off by default).
 * Offset defaults to 0, Limit to 10 (at most 1000 → `InvalidParameterValue.LimitExceed`). An Offset past the
 * end (Offset > GroupNum) → `InvalidParameterValue.OffsetExceed`, documented for IAI as "the starting number is too
 * large"; Offset == GroupNum is the empty last page.
 */
import { LIMITS } from "../../api/rules";
import { ApiError } from "../errors";
import { ActionDefinition, groupInfo } from "./context";
import { checkKnownFields, optionalNonNegativeInteger } from "./params";

/** The GetGroupList action. */
export const getGroupList: ActionDefinition = {
  name: "GetGroupList",
  mutates: false,
  handle(params, ctx) {
    checkKnownFields(params, ["Offset", "Limit"]);
    const offset = optionalNonNegativeInteger(params, "Offset") ?? 0;
    const limit = optionalNonNegativeInteger(params, "Limit") ?? 10;
    if (limit > LIMITS.listMaxLimit) {
      throw new ApiError("InvalidParameterValue.LimitExceed", `Limit must be at most ${LIMITS.listMaxLimit} (got ${limit}); page with Offset.`);
    }
    const all = ctx.listing.list(ctx.region);
    if (offset > all.length) {
      throw new ApiError("InvalidParameterValue.OffsetExceed", `Offset ${offset} is past the end: region ${ctx.region} holds ${all.length} groups.`);
    }
    return {
      GroupInfos: all.slice(offset, offset + limit).map((g) => ({ ...groupInfo(g), UpdateTimestamp: g.UpdateTimestamp })),
      GroupNum: all.length,
    };
  },
};
