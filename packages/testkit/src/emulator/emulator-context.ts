import type { Clock } from "../clock/clock.js";
import type { IssuerKeyCache } from "../token-exchange/issuer-key-cache.js";
import type { EmulatorState } from "./emulator-state.js";
import type { TagPermissionRule } from "../auth-keys/tag-permission.js";

/** What every route handler of the emulator can use. */
export interface EmulatorContext {
  readonly state: EmulatorState;
  readonly clock: Clock;
  readonly keys: IssuerKeyCache;
  readonly adminApiKey: string;
  /** The tailnet name accepted in paths besides `-`. */
  readonly tailnet: string;
  /** DNS suffix of device names, e.g. `tail1234.ts.net`. */
  readonly magicDnsSuffix: string;
  readonly allowInsecureLoopbackIssuer: boolean;
  readonly leewaySeconds: number;
  /** Longest ID-token lifetime the exchange accepts. */
  readonly maxTokenLifetimeSeconds: number;
  /** Which reading of the tag rule key creation applies. */
  readonly tagPermission: TagPermissionRule;
  /** ACL `tagOwners`: tag → the tags that own it (used by the `all-or-owned` reading). */
  readonly tagOwners: Readonly<Record<string, readonly string[]>>;
  /** Lifetime of exchanged access tokens. */
  readonly accessTokenTtlSeconds: number;
  /** Returns `bytes` random bytes as lower-case hex. */
  readonly randomHex: (bytes: number) => string;
  /** Receives one line per notable event (refused exchanges, registrations). */
  readonly log: (line: string) => void;
}
