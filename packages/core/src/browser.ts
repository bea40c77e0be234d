/*
 * The browser-safe part of core, for the web console: the error model, the validation rules a form
 * checks before it sends anything, and the API's response schemas. Nothing here imports a Node built-in
 * or a file-format parser (the devbox file's YAML and TOML readers stay out of the console's bundle).
 */
export * from "./errors/error-code.js";
export * from "./errors/nsc-error.js";
export * from "./ids/brand.js";
export * from "./ids/spec-name.js";
export * from "./tailscale/check-tag.js";
export * from "./tailscale/parse-client-id.js";
export * from "./tailscale/parse-login-server.js";
export * from "./tailscale/parse-tags.js";
export * from "./id-tokens/parse-audience.js";
export * from "./id-tokens/instance-kind.js";
export * from "./integrations/tailscale-spec.js";
export * from "./integrations/integrations-document.js";
export * from "./workspaces/workspace.js";
export * from "./trust/trust-relationship.js";
export * from "./api/index.js";
export * from "./audit/audit-event.js";
