/**
 * The provider's and the face group resource's schemas (the data sources' are in data-schema.ts): names, types, flags
 * and the description of every attribute (what `terraform providers schema -json` and generated docs show). Plan
 * modifiers live in plan.ts.
 */
import { LIMITS } from "../../api/rules";
import { DEFAULT_REGION } from "../../api/face-group-spec";
import { DEFAULT_ENDPOINT } from "../../handler/endpoint";
import { DEFAULT_DOMAIN, DEFAULT_PROTOCOL } from "../../handler/endpoint-config";
import { FACE_GROUP_TYPE, FACE_GROUPS_TYPE } from "../address";
import { ProviderSchema, Schema } from "../protocol/types";
import { CREDENTIAL_ATTRIBUTES, CREDENTIAL_BLOCKS, CREDENTIALS_PRECEDENCE } from "./credentials-schema";
import { FACE_GROUP_DATA_SCHEMA, FACE_GROUPS_DATA_SCHEMA } from "./data-schema";

/**
 * The resource's schema version: bump it (and teach state.ts to upgrade) when the stored shape changes.
 * 1: creation_timestamp removed (the data source `tencentcloudiai_face_group` still reads it).
 */
export const FACE_GROUP_SCHEMA_VERSION = 1;

/**
 * The default rate limit, calls per second for the whole process: just under the documented 50 QPS of the group
 * APIs. The limiter's bucket holds 2 tokens, so no one-second window ever holds more than 50 calls, however the server
 * counts (sliding or fixed windows, token bucket); measured against the emulator's 50 QPS bucket: 1,000 creates at
 * parallelism 10, 0 throttled answers, 23 s (at 45 QPS: 24.7 s, over the bench's 25 s budget once Terraform's own
 * time is added). Lower it when other clients share the account.
 */
export const DEFAULT_QPS = 48;
/** The default time for one operation (create, update, read, delete) including its retries, in seconds. */
export const DEFAULT_DEADLINE_SECONDS = 300;
/** The default time for one HTTP request, in seconds. */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 30;

/** The provider block. */
export const PROVIDER_SCHEMA: Schema = {
  version: 0,
  description: `Tencent Cloud Face Recognition (IAI) face groups, served by cdktf-tencentcloud-face-groups. ${CREDENTIALS_PRECEDENCE}`,
  attributes: [
    { name: "region", type: "string", optional: true, description: `Default region of the face groups. Default: env TENCENTCLOUD_REGION, else "${DEFAULT_REGION}".` },
    {
      name: "endpoint",
      type: "string",
      optional: true,
      description: `Base URL of the IAI API, e.g. an emulator's http://127.0.0.1:9000. Default: env TENCENTCLOUD_IAI_ENDPOINT, else <protocol>://iai.<domain> (${DEFAULT_ENDPOINT}).`,
    },
    {
      name: "domain",
      type: "string",
      optional: true,
      description: `Root domain of the API as in the official tencentcloud provider, e.g. internal.tencentcloudapi.com for the private (VPC) endpoint; the endpoint is then <protocol>://iai.<domain>. Ignored when endpoint is set. Default: env TENCENTCLOUD_DOMAIN, else ${DEFAULT_DOMAIN}.`,
    },
    {
      name: "protocol",
      type: "string",
      optional: true,
      description: `HTTP or HTTPS, as in the official tencentcloud provider. Ignored when endpoint is set. Default: env TENCENTCLOUD_PROTOCOL, else ${DEFAULT_PROTOCOL}.`,
    },
    {
      name: "ca_bundle_file",
      type: "string",
      optional: true,
      description:
        "Path of a PEM file of CA certificates to trust in addition to the public ones (and NODE_EXTRA_CA_CERTS), e.g. the CA of a TLS-intercepting proxy or of a private endpoint. Default: none (NODE_EXTRA_CA_CERTS works too).",
    },
    ...CREDENTIAL_ATTRIBUTES,
    {
      name: "qps",
      type: "number",
      optional: true,
      description: `Calls per second for all calls of the provider process together (the account allows ${LIMITS.qps} for the group APIs, shared with anything else using it). Default: ${DEFAULT_QPS}.`,
    },
    {
      name: "deadline_seconds",
      type: "number",
      optional: true,
      description: `Longest time one operation (create, update, read, delete) may take, retries of transient failures included. Default: env FACE_GROUP_DEADLINE_SECONDS, else ${DEFAULT_DEADLINE_SECONDS}.`,
    },
    {
      name: "request_timeout_seconds",
      type: "number",
      optional: true,
      description: `Longest time one HTTP request may take before it is retried. Default: env FACE_GROUP_REQUEST_TIMEOUT_SECONDS, else ${DEFAULT_REQUEST_TIMEOUT_SECONDS}.`,
    },
  ],
  blocks: CREDENTIAL_BLOCKS,
};

/** The face group resource. */
export const FACE_GROUP_SCHEMA: Schema = {
  version: FACE_GROUP_SCHEMA_VERSION,
  description: "A Tencent Cloud Face Recognition (IAI) face group (CreateGroup / ModifyGroup / DeleteGroup).",
  attributes: [
    { name: "id", type: "string", computed: true, description: "`<region>/<group_id>`; also the id `terraform import` accepts (or just `<group_id>` in the provider's region)." },
    {
      name: "group_id",
      type: "string",
      required: true,
      description: `GroupId: letters, digits and -%@#&_, at most ${LIMITS.groupIdMaxBytes} bytes. Cannot be changed: a new value replaces the group.`,
    },
    { name: "group_name", type: "string", required: true, description: `GroupName: 1–${LIMITS.groupNameMaxChars} characters, unique in the region. Changed in place.` },
    {
      name: "group_ex_descriptions",
      type: ["list", "string"],
      optional: true,
      computed: true,
      description:
        `Custom description fields of the persons: at most ${LIMITS.exDescriptionsMaxCount}, each 1–${LIMITS.exDescriptionMaxChars} characters, unique. ` +
        "Fields are stored by position: they may be renamed in place and appended, never removed or moved. Default: [].",
    },
    { name: "tag", type: "string", optional: true, computed: true, description: `Tag: 0–${LIMITS.tagMaxChars} characters. Changed in place. Default: "".` },
    {
      name: "face_model_version",
      type: "string",
      optional: true,
      computed: true,
      description: 'Face model version, "2.0" or "3.0". Cannot be changed by ModifyGroup: a new value replaces the group. Default: "3.0".',
    },
    { name: "region", type: "string", optional: true, computed: true, description: "Region of the group. A new value replaces the group. Default: the provider's region." },
    {
      name: "removal_policy",
      type: "string",
      optional: true,
      computed: true,
      description:
        'What destroying the resource (or removing it from the configuration, or replacing it) does to the group: "retain" keeps the group and its persons ' +
        'and faces (no API call; the plan warns that the group will be kept), "destroy" deletes them (DeleteGroup; the plan warns with the persons and ' +
        'faces GetPersonListNum counts that applying it deletes). Changing it makes no API call. Default: "retain".',
    },
  ],
};

/** Everything GetProviderSchema returns. */
export const PROVIDER_SCHEMAS: ProviderSchema = {
  provider: PROVIDER_SCHEMA,
  resourceSchemas: { [FACE_GROUP_TYPE]: FACE_GROUP_SCHEMA },
  dataSourceSchemas: { [FACE_GROUP_TYPE]: FACE_GROUP_DATA_SCHEMA, [FACE_GROUPS_TYPE]: FACE_GROUPS_DATA_SCHEMA },
  // PlanResourceChange is called for destroys too, so a plan can say that a group will be kept.
  capabilities: { planDestroy: true },
};
