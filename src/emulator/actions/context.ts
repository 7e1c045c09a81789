/**
 * What every action handler receives and returns (one file per action, like dynalite's `actions/`).
 */
import type { Identity, IdentityStore } from "../identities";
import { LaggingListing } from "../lagging-listing";
import { GroupStore } from "../store";
import { StoredGroup } from "../types";
import { ApiError } from "../errors";
import { Params } from "./params";

/** The environment of one request. */
export interface ActionContext {
  /** The region the request addresses; groups are partitioned by it. */
  readonly region: string;
  /** The group store (the authority). */
  readonly store: GroupStore;
  /** What GetGroupList shows (the store, or the store as it was a moment ago when a listing lag is set). */
  readonly listing: LaggingListing;
  /** Maximum number of groups per region. */
  readonly maxGroups: number;
  /** Clock, epoch ms. */
  now(): number;
  /** Who signed the request (undefined for an unsigned action: AssumeRoleWithWebIdentity). */
  readonly caller?: Identity;
  /** The known credentials (STS issues into it). */
  readonly identities: IdentityStore;
  /** The web identity (OIDC) tokens AssumeRoleWithWebIdentity accepts. */
  readonly webIdentityTokens: readonly string[];
}

/** One API action. */
export interface ActionDefinition {
  /** The `X-TC-Action` name. */
  readonly name: string;
  /** True when the action changes the store (the wire then persists before answering). */
  readonly mutates: boolean;
  /** True for an action the service takes unsigned (`Authorization: SKIP`): the request proves itself otherwise. */
  readonly unsigned?: boolean;
  /**
   * Validates and performs the action; returns the response fields (without RequestId).
   * Throws {@link ApiError} for API errors; changes nothing when it throws.
   */
  handle(params: Params, ctx: ActionContext): Record<string, unknown>;
}

/** The group `groupId` of the request's region, or `InvalidParameterValue.GroupIdNotExist`. */
export function requireExisting(ctx: ActionContext, groupId: string): StoredGroup {
  const group = ctx.store.get(ctx.region, groupId);
  if (!group) {
    throw new ApiError(
      "InvalidParameterValue.GroupIdNotExist",
      `GroupId ${groupId} does not exist in region ${ctx.region} (groups are per region: check X-TC-Region).`,
    );
  }
  return group;
}

/** A group as GetGroupInfo documents it (GetGroupList adds UpdateTimestamp). */
export function groupInfo(g: StoredGroup): Record<string, unknown> {
  return {
    GroupName: g.GroupName,
    GroupId: g.GroupId,
    GroupExDescriptions: [...g.GroupExDescriptions],
    Tag: g.Tag,
    FaceModelVersion: g.FaceModelVersion,
    CreationTimestamp: g.CreationTimestamp,
  };
}
