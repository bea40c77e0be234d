import { NscError } from "../errors/nsc-error.js";
import type { Brand } from "./brand.js";

/** A workspace's immutable ID; the first half of every token subject. Never contains `/` or `*`. */
export type WorkspaceId = Brand<string, "WorkspaceId">;
/** An instance's immutable ID; the second half of every token subject. */
export type InstanceId = Brand<string, "InstanceId">;
/** The public ID of an API token (not its secret). */
export type ApiTokenId = Brand<string, "ApiTokenId">;

const ID_BODY_LENGTH = 16;
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

/** Prefixes keep IDs of different kinds apart at a glance and in logs. */
const PREFIX = { workspace: "ws-", instance: "in-", apiToken: "tk-" } as const;
type IdKind = keyof typeof PREFIX;
type IdOf<K extends IdKind> = K extends "workspace"
  ? WorkspaceId
  : K extends "instance"
    ? InstanceId
    : ApiTokenId;

/** A source of random bytes, injected so tests can make IDs deterministic. */
export type RandomBytes = (size: number) => Uint8Array;

/**
 * Makes a fresh ID of the given kind: its prefix and 16 characters of lowercase base32 (80 random bits).
 *
 * @example
 * newId("workspace", randomBytes) // "ws-k3v9m2q7d4x8p1zb"
 */
export function newId<K extends IdKind>(kind: K, random: RandomBytes): IdOf<K> {
  const bytes = random(ID_BODY_LENGTH);
  let body = "";
  for (const byte of bytes) body += ALPHABET.charAt(byte & 31);
  return (PREFIX[kind] + body) as IdOf<K>;
}

const PATTERN: Readonly<Record<IdKind, RegExp>> = {
  workspace: idPattern("workspace"),
  instance: idPattern("instance"),
  apiToken: idPattern("apiToken"),
};

function idPattern(kind: IdKind): RegExp {
  return new RegExp(`^${PREFIX[kind]}[a-z2-7]{${ID_BODY_LENGTH}}$`, "u");
}

function isId<K extends IdKind>(kind: K, value: string): value is IdOf<K> {
  return PATTERN[kind].test(value);
}

function parseId<K extends IdKind>(kind: K, label: string, value: string, field: string): IdOf<K> {
  if (!isId(kind, value)) {
    throw new NscError("invalid_request", `invalid ${label} ID ${JSON.stringify(value.slice(0, 64))}`, {
      field,
    });
  }
  return value;
}

/** Parses a workspace ID. @throws NscError `invalid_request`. */
export const parseWorkspaceId = (value: string, field = "workspace_id"): WorkspaceId =>
  parseId("workspace", "workspace", value, field);
/** Parses an instance ID. @throws NscError `invalid_request`. */
export const parseInstanceId = (value: string, field = "instance_id"): InstanceId =>
  parseId("instance", "instance", value, field);
/** Parses an API token ID. @throws NscError `invalid_request`. */
export const parseApiTokenId = (value: string, field = "token_id"): ApiTokenId =>
  parseId("apiToken", "API token", value, field);

/**
 * Whether a string has the shape of a workspace ID. For lookups by a name the caller typed, where a
 * malformed ID is answered like an unknown one rather than as a bad request.
 */
export const isWorkspaceId = (value: string): value is WorkspaceId => isId("workspace", value);
