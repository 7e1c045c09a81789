/**
 * The provider's names, written once: the construct synthesizes them, the provider serves them, the installer
 * places the executable under them. `tencentcloudiai` does not clash with the official `tencentcloud` provider that
 * the same stack may also use. The hostname ends in `.invalid` (RFC 2606: never resolves), so no `terraform init`
 * can ever reach a registry for it: the provider is only ever found in the local mirror the construct writes.
 */

/** The provider's local name in `required_providers` and the prefix of its resource types. */
export const PROVIDER_LOCAL_NAME = "tencentcloudiai";
/** The registry host part of the source address (never contacted). */
export const PROVIDER_HOST = "face-groups.invalid";
/** The namespace part of the source address. */
export const PROVIDER_NAMESPACE = "cdktf-tencentcloud-face-groups";
/** The full source address, as in `required_providers`. */
export const PROVIDER_SOURCE = `${PROVIDER_HOST}/${PROVIDER_NAMESPACE}/${PROVIDER_LOCAL_NAME}`;
/** The face group resource type. */
export const FACE_GROUP_TYPE = `${PROVIDER_LOCAL_NAME}_face_group`;
/** The data source listing the face groups of a region. */
export const FACE_GROUPS_TYPE = `${PROVIDER_LOCAL_NAME}_face_groups`;
