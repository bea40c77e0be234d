import {
  parseSpecName,
  checkTag,
  parseClientId,
  parseLoginServer,
  parseAudience,
  MAX_TAGS,
  type TailscaleSpec,
} from "@nsc/core/browser";
import type { SpecFormValues } from "./spec-form-values.js";

/** A problem per field, by the same rules the server applies. */
export interface SpecFormErrors {
  readonly name?: string;
  readonly clientId?: string;
  readonly tags?: readonly string[];
  readonly loginServer?: string;
  readonly audience?: string;
}

/** The outcome of checking the form: the spec to save when every field is valid. */
export interface SpecFormCheck {
  readonly errors: SpecFormErrors;
  readonly spec: TailscaleSpec | undefined;
}

/** Splits the comma-separated tags field, dropping blanks and repeats. */
export function splitTags(text: string): readonly string[] {
  const tags = text
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "");
  return [...new Set(tags)];
}

/**
 * Checks every field with core's rules; tag problems carry Tailscale's own reason text.
 *
 * @example
 * validateSpecForm({ ...values, tags: "ci" }).errors.tags // ['"ci": tags must start with \'tag:\'']
 */
export function validateSpecForm(values: SpecFormValues, takenNames: readonly string[]): SpecFormCheck {
  const name = reason(() => parseSpecName(values.name));
  const clientId = reason(() => parseClientId(values.clientId.trim()));
  const loginServerText = values.loginServer.trim();
  let loginServer: string | undefined;
  let loginServerError: string | undefined;
  if (loginServerText !== "") {
    try {
      loginServer = parseLoginServer(loginServerText);
    } catch (error) {
      loginServerError = error instanceof Error ? error.message : "invalid login server";
    }
  }
  const audienceText = values.audience.trim();
  const audienceError = audienceText === "" ? undefined : reason(() => parseAudience(audienceText));
  const tags = splitTags(values.tags);
  const tagErrors = tagProblems(tags);
  const errors: SpecFormErrors = {
    ...(name !== undefined
      ? { name }
      : takenNames.includes(values.name)
        ? { name: `a spec named "${values.name}" already exists: edit it in the table instead` }
        : {}),
    ...(clientId === undefined ? {} : { clientId }),
    ...(tagErrors.length === 0 ? {} : { tags: tagErrors }),
    ...(loginServerError === undefined ? {} : { loginServer: loginServerError }),
    ...(audienceError === undefined ? {} : { audience: audienceError }),
  };
  const valid = Object.keys(errors).length === 0;
  const spec: TailscaleSpec | undefined = valid
    ? {
        oauth_client_id: values.clientId.trim(),
        tags,
        enable_magic_dns: values.magicDns,
        ...(loginServer === undefined ? {} : { login_server: loginServer }),
        ...(audienceText === "" ? {} : { audience: audienceText }),
      }
    : undefined;
  return { errors, spec };
}

function tagProblems(tags: readonly string[]): readonly string[] {
  if (tags.length === 0) {
    return [
      "add at least one tag, such as tag:ci: Tailscale issues federated auth keys only for tagged devices",
    ];
  }
  if (tags.length > MAX_TAGS) return [`too many tags: at most ${MAX_TAGS}`];
  const problems: string[] = [];
  for (const tag of tags) {
    const problem = checkTag(tag);
    if (problem !== undefined) problems.push(`${JSON.stringify(tag)}: ${problem}`);
  }
  return problems;
}

function reason(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : "invalid value";
  }
}
