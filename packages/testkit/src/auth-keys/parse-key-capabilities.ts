import { ApiError } from "../emulator/api-error.js";
import { isRecord } from "../json/is-record.js";
import { checkTag } from "@nsc/core/tailscale/check-tag.js";

/** What an auth key request asks for. */
export interface KeyCapabilities {
  readonly reusable: boolean;
  readonly ephemeral: boolean;
  readonly preauthorized: boolean;
  readonly tags: readonly string[];
  /** `expirySeconds`, when given. */
  readonly expirySeconds: number | undefined;
}

/**
 * Parses `{"capabilities":{"devices":{"create":{…}}},"expirySeconds"?}`; absent booleans are false. Throws
 * {@link ApiError} 400 on a malformed body or a tag that breaks the tag grammar.
 */
export function parseKeyCapabilities(body: unknown): KeyCapabilities {
  const capabilities = isRecord(body) ? body.capabilities : undefined;
  const devices = isRecord(capabilities) ? capabilities.devices : undefined;
  const create = isRecord(devices) ? devices.create : undefined;
  if (!isRecord(body) || !isRecord(create))
    throw new ApiError(400, "capabilities.devices.create is required");
  const flag = (name: string): boolean => {
    const value = create[name] ?? false;
    if (typeof value !== "boolean")
      throw new ApiError(400, `capabilities.devices.create.${name} must be a boolean`);
    return value;
  };
  const tags = create.tags ?? [];
  if (!Array.isArray(tags) || !tags.every((tag): tag is string => typeof tag === "string")) {
    throw new ApiError(400, "capabilities.devices.create.tags must be an array of strings");
  }
  for (const tag of tags) {
    const problem = checkTag(tag);
    if (problem !== undefined) throw new ApiError(400, `tag "${tag}": ${problem}`);
  }
  const expiry = body.expirySeconds;
  if (expiry !== undefined && (typeof expiry !== "number" || !Number.isInteger(expiry) || expiry < 0)) {
    throw new ApiError(400, "expirySeconds must be a non-negative integer");
  }
  return {
    reusable: flag("reusable"),
    ephemeral: flag("ephemeral"),
    preauthorized: flag("preauthorized"),
    tags,
    expirySeconds: expiry,
  };
}
