import type { RandomBytes, WorkspaceId } from "@nsc/core";
import type { Actor } from "./record-audit.js";

/**
 * What every audited change needs besides its own data: the workspace it happens in, who makes it, when,
 * and the randomness for new IDs. Routes make it from the request's principal; the server makes it for
 * its own changes with the actor `system`.
 */
export interface WriteContext {
  readonly workspaceId: WorkspaceId;
  readonly actor: Actor;
  readonly now: number;
  readonly random: RandomBytes;
}
