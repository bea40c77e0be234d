import {
  instanceEnvelopeSchema,
  registerInstanceResponseSchema,
  type InstanceInfo as Instance,
} from "@nsc/core/api/instances.js";
import type { RegisterInstanceRequest } from "@nsc/core/instances/instance.js";
import type { NscClient } from "../api/nsc-client.js";
import { prepareTokenFile } from "../workload/token-file-writer.js";

const createInstance = (client: NscClient, request: RegisterInstanceRequest) =>
  client.call("POST", "/v1/instances", registerInstanceResponseSchema, request);
const destroyInstance = (client: NscClient, id: string) =>
  client.call("DELETE", `/v1/instances/${encodeURIComponent(id)}`, instanceEnvelopeSchema);

/** A registered instance and where its workload token went. */
export type Registration =
  | { readonly kind: "token_file"; readonly instance: Instance; readonly path: string }
  | { readonly kind: "shown"; readonly instance: Instance; readonly workload_token: string };

/**
 * Registers an instance. With `tokenFile`, its workload token goes only into that file (mode 0600, written
 * atomically, with the server's endpoint); the file is prepared first, so an unwritable path fails before
 * anything is registered, and if the final write still fails the new instance is destroyed again.
 */
export async function registerInstance(
  client: NscClient,
  request: RegisterInstanceRequest,
  tokenFile: string | undefined,
): Promise<Registration> {
  if (tokenFile === undefined) {
    const created = await createInstance(client, request);
    return { kind: "shown", instance: created.instance, workload_token: created.workload_token };
  }
  const writer = prepareTokenFile(tokenFile);
  let instance: Instance;
  try {
    const created = await createInstance(client, request);
    instance = created.instance;
    try {
      writer.commit({ bearer_token: created.workload_token, endpoint: client.endpoint });
    } catch (error) {
      await destroyInstance(client, instance.id).catch(() => undefined);
      throw error;
    }
  } catch (error) {
    writer.discard();
    throw error;
  }
  return { kind: "token_file", instance, path: writer.path };
}

/** What `-o json` prints for a registration: the token only when no token file was given. */
export function registrationJson(registration: Registration): Record<string, unknown> {
  switch (registration.kind) {
    case "token_file":
      return { instance: registration.instance, token_file: registration.path };
    case "shown":
      return { instance: registration.instance, workload_token: registration.workload_token };
    default:
      return registration satisfies never;
  }
}

/** The plain lines about the workload token: where it was written, or the token itself once. */
export function formatTokenHandout(registration: Registration): string {
  switch (registration.kind) {
    case "token_file":
      return `Workload token written to ${registration.path} (mode 0600). On the workload, set NSC_TOKEN_FILE to it or place it at /var/run/nsc/token.json.\n`;
    case "shown":
      return (
        "Workload token, shown only this once. Store it now: the workload reads it from /var/run/nsc/token.json " +
        'or $NSC_TOKEN_FILE as {"bearer_token": "…"} (or re-run with --token-file PATH):\n\n' +
        `  ${registration.workload_token}\n\n`
      );
    default:
      return registration satisfies never;
  }
}
