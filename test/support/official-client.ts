/**
 * The official `tencentcloud-sdk-nodejs` IAI client (v20200303), pointed at an emulator URL — what a user's own
 * tooling would use. No proxy: an explicit agent keeps loopback calls direct even when http_proxy is set.
 */
import * as http from "node:http";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tencentcloud = require("tencentcloud-sdk-nodejs");

/** The subset of the IAI client the tests call (promise-returning, API field names). */
export type IaiClient = Record<"CreateGroup" | "GetGroupInfo" | "ModifyGroup" | "DeleteGroup" | "GetGroupList" | "GetPersonListNum", (req: Record<string, unknown>) => Promise<any>>;

/** An official IAI client for `url` (e.g. http://127.0.0.1:9000) with the given credentials and region. */
export function officialClient(url: string, credential: { secretId: string; secretKey: string; token?: string }, region = "ap-guangzhou"): IaiClient {
  const u = new URL(url);
  return new tencentcloud.iai.v20200303.Client({
    credential,
    region,
    profile: { httpProfile: { endpoint: u.host, protocol: `${u.protocol}//`, agent: new http.Agent({ keepAlive: false }) } },
  });
}
