/**
 * What happens to the face group when its FaceGroup is destroyed — by `cdktf destroy`, or when a change of
 * groupId, faceModelVersion or region replaces it.
 *
 * Deleting a group deletes its persons' membership and faces in that group, so the default keeps it. Note that
 * removing a FaceGroup from the code also keeps the group whatever the policy: Terraform runs no destroy step for a
 * resource whose block is gone. To delete a group deliberately, set `DESTROY`, deploy, then remove the FaceGroup
 * (or destroy the stack).
 */
export enum RemovalPolicy {
  /** Keep the group (no API call); the handler prints how to delete it deliberately. */
  RETAIN = "retain",
  /** Delete the group with DeleteGroup (a group that is already gone counts as deleted). */
  DESTROY = "destroy",
}
