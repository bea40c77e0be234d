import * as z from "zod/mini";
import { named, time, type Wire } from "./wire.js";

/** `GET /v1/workspace`. `tenant_id` equals `id`, for nsc compatibility. */
export const workspaceInfoSchema = named(
  z.strictObject({
    id: z.string(),
    tenant_id: z.string(),
    name: z.string(),
    created_at: time,
    /** The role of the token that asked. */
    role: z.string(),
    /** The issuer URL tokens of this workspace carry as `iss`. */
    issuer_url: z.string(),
  }),
  "WorkspaceInfo",
);
export type WorkspaceInfo = Wire<typeof workspaceInfoSchema>;
