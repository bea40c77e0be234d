import * as z from "zod/mini";
import type { WorkspaceInfo } from "@nsc/core/workspaces/workspace.js";
import { parseResponse } from "./parse-response.js";
import { request } from "./request.js";

const workspaceSchema = z.object({
  id: z.string(),
  tenant_id: z.string(),
  name: z.string(),
  created_at: z.string(),
  role: z.string(),
  issuer_url: z.string(),
});

/** `GET /v1/workspace`: the token's workspace and the token's role. */
export async function getWorkspace(token: string): Promise<WorkspaceInfo> {
  return parseResponse(workspaceSchema, await request(token, "/v1/workspace"), "a workspace");
}
