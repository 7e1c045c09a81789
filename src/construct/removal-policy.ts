/**
 * What happens to the face group when its FaceGroup is destroyed — by `cdktf destroy`, by removing the FaceGroup
 * from the code, or when a change of groupId, faceModelVersion or region replaces it.
 *
 * Deleting a group deletes its persons' membership and faces in that group, so the default keeps it.
 */
export enum RemovalPolicy {
  /** Keep the group (no API call); Terraform only forgets it. */
  RETAIN = "retain",
  /** Delete the group with DeleteGroup (a group that is already gone counts as deleted). */
  DESTROY = "destroy",
}
