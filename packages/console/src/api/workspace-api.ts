import { workspaceInfoSchema, type WorkspaceInfo } from "@nsc/core/browser";
import { parseResponse } from "./parse-response.js";
import { request } from "./request.js";

/** `GET /v1/workspace`: the token's workspace and the token's role. */
export async function getWorkspace(token: string): Promise<WorkspaceInfo> {
  return parseResponse(workspaceInfoSchema, await request(token, "/v1/workspace"), "a workspace");
}
