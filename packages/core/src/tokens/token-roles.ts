// Token roles and prefixes without the request schemas, for code that must not load zod (the CLI).

/** What an API token may do: `admin` everything, `member` read-only, `launcher` register and destroy instances. */
export const ROLES = ["admin", "member", "launcher"] as const;
export type Role = (typeof ROLES)[number];

/** Prefix of every API token secret; makes leaked tokens easy to find with secret scanners. */
export const API_TOKEN_PREFIX = "nsct_";
/** Prefix of every workload token secret. */
export const WORKLOAD_TOKEN_PREFIX = "nscw_";
