export * from "./instance-kind.js";
export * from "./id-token-claims.js";
export * from "./parse-audience.js";
export * from "./parse-duration-secs.js";
export * from "./id-token-request.js";
export * from "./build-id-token-claims.js";
export * from "./tailscale-audience.js";
