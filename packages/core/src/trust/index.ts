export * from "./match-pattern.js";
export * from "./read-claim.js";
export * from "./forbidden-address.js";
export * from "./parse-external-url.js";
export * from "./parse-jwk-set.js";
export * from "./trust-relationship.js";
export * from "./token-exchange.js";
export * from "./source-claims.js";
