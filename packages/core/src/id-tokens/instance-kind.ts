/** What kind of workload an instance is; carried in every ID token as `instance_kind`. */
export const INSTANCE_KINDS = ["runner", "devbox", "generic"] as const;

/** One of {@link INSTANCE_KINDS}. */
export type InstanceKind = (typeof INSTANCE_KINDS)[number];
