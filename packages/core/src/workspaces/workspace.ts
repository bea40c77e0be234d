const WORKSPACE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}$/u;

/** True when `name` is a valid workspace display name (1–63 letters, digits, space, `.`, `_`, `-`). */
export function isValidWorkspaceName(name: string): boolean {
  return WORKSPACE_NAME.test(name);
}

// The type is the response schema's, in `api/`; kept here for the modules that import it from here.
export type { WorkspaceInfo } from "../api/workspace.js";
