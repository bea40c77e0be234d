import type { WorkspaceInfo } from "@nsc/core/browser";

/** A signed-in console: the API token and the workspace it belongs to. */
export interface Session {
  readonly token: string;
  readonly workspace: WorkspaceInfo;
}

/** Only admin tokens change anything; members read. */
export function canWrite(session: Session): boolean {
  return session.workspace.role === "admin";
}
