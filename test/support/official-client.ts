/**
 * The official `tencentcloud-sdk-nodejs` IAI client (v20200303), pointed at an emulator URL — what a user's own
 * tooling would use. No proxy: an explicit agent keeps loopback calls direct even when http_proxy is set.
 */
import * as http from "node:http";
// The service module alone: the whole tencentcloud-sdk-nodejs index takes seconds to load.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { iai } = require("tencentcloud-sdk-nodejs/tencentcloud/services/iai");

/** The official client class (for tests that aim it at other endpoints). */
export const OfficialIaiClient = iai.v20200303.Client;

/** The subset of the IAI client the tests call (promise-returning, API field names). */
export type IaiClient = Record<"CreateGroup" | "GetGroupInfo" | "ModifyGroup" | "DeleteGroup" | "GetGroupList" | "GetPersonListNum", (req: Record<string, unknown>) => Promise<any>>;

/** An official IAI client for `url` (e.g. http://127.0.0.1:9000) with the given credentials, region and agent. */
export function officialClient(
  url: string,
  credential: { secretId: string; secretKey: string; token?: string },
  region = "ap-guangzhou",
  agent: http.Agent = new http.Agent({ keepAlive: false }),
): IaiClient {
  const u = new URL(url);
  return new OfficialIaiClient({ credential, region, profile: { httpProfile: { endpoint: u.host, protocol: `${u.protocol}//`, agent } } });
}
