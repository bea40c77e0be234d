// Spec sources without the instance schemas, for code that must not load zod (the CLI).

/** Why an instance got the Tailscale spec it has. */
export const SPEC_SOURCES = ["request", "label", "file", "default", "locked_default", "none"] as const;
export type SpecSource = (typeof SPEC_SOURCES)[number];
