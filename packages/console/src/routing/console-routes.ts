/** Every page of the console, in navigation order. */
export const CONSOLE_ROUTES = [
  { path: "/workspace", label: "Workspace" },
  { path: "/integrations", label: "Integrations" },
  { path: "/devboxes", label: "Devboxes" },
  { path: "/instances", label: "Instances" },
  { path: "/activity", label: "Activity" },
] as const;

/** The path of one console page. */
export type ConsolePath = (typeof CONSOLE_ROUTES)[number]["path"];

/** The page for a browser path; unknown paths (and `/`) show the workspace. */
export function routeFor(pathname: string): ConsolePath {
  const clean = pathname.replace(/\/+$/u, "");
  const route = CONSOLE_ROUTES.find((r) => r.path === clean);
  return route === undefined ? "/workspace" : route.path;
}
