/** The kinds of audit event the Activity page filters on, by action prefix. */
export const EVENT_KINDS = [
  { prefix: "", label: "All events" },
  { prefix: "tailscale_spec", label: "Tailscale specs" },
  { prefix: "api_token", label: "API tokens" },
  { prefix: "instance", label: "Instances" },
  { prefix: "id_token", label: "ID tokens" },
  { prefix: "devbox_defaults", label: "Devbox defaults" },
  { prefix: "workspace", label: "Workspace" },
  { prefix: "signing_key", label: "Signing keys" },
] as const;
