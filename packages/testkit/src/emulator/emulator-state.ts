import type { AuthKey } from "../auth-keys/auth-key.js";
import type { Device } from "../devices/device.js";
import type { AccessToken } from "../token-exchange/access-token.js";
import type { Rejection } from "../token-exchange/rejection.js";
import type { TrustCredential } from "../trust-credentials/trust-credential.js";
import type { Fault, FaultTarget } from "./fault.js";
import type { RequestLogEntry } from "./request-log-entry.js";

/**
 * Everything the emulator knows: trust credentials, access tokens, auth keys, devices, refused exchanges,
 * the request log and pending faults. Tests read it to assert what happened on the wire.
 */
export class EmulatorState {
  readonly #credentials = new Map<string, TrustCredential>();
  readonly #accessTokens = new Map<string, AccessToken>();
  readonly #authKeys = new Map<string, AuthKey>();
  readonly #devices = new Map<string, Device>();
  readonly #rejections: Rejection[] = [];
  readonly #requestLog: RequestLogEntry[] = [];
  readonly #faults: Fault[] = [];
  #nextDeviceNumber = 1;

  /** All trust credentials, oldest first. */
  credentials(): readonly TrustCredential[] {
    return [...this.#credentials.values()];
  }

  credential(clientId: string): TrustCredential | undefined {
    return this.#credentials.get(clientId);
  }

  addCredential(credential: TrustCredential): void {
    this.#credentials.set(credential.clientId, credential);
  }

  /** Removes a credential; returns whether it existed. */
  deleteCredential(clientId: string): boolean {
    return this.#credentials.delete(clientId);
  }

  addAccessToken(token: AccessToken): void {
    this.#accessTokens.set(token.token, token);
  }

  accessToken(token: string): AccessToken | undefined {
    return this.#accessTokens.get(token);
  }

  /** All access tokens ever issued. */
  accessTokens(): readonly AccessToken[] {
    return [...this.#accessTokens.values()];
  }

  addAuthKey(key: AuthKey): void {
    this.#authKeys.set(key.key, key);
  }

  /** Looks an auth key up by its secret. */
  authKey(secret: string): AuthKey | undefined {
    return this.#authKeys.get(secret);
  }

  /** All auth keys ever created, oldest first. */
  authKeys(): readonly AuthKey[] {
    return [...this.#authKeys.values()];
  }

  /** A fresh numeric device ID and a matching CGNAT address. */
  allocateDevice(): { readonly number: number; readonly address: string } {
    const number = this.#nextDeviceNumber++;
    return { number, address: `100.64.${Math.floor(number / 256) % 256}.${number % 256}` };
  }

  addDevice(device: Device): void {
    this.#devices.set(device.id, device);
  }

  device(id: string): Device | undefined {
    return this.#devices.get(id);
  }

  deviceByNodeId(nodeId: string): Device | undefined {
    return [...this.#devices.values()].find((device) => device.nodeId === nodeId);
  }

  removeDevice(id: string): boolean {
    return this.#devices.delete(id);
  }

  /** Devices currently in the tailnet, oldest first. */
  devices(): readonly Device[] {
    return [...this.#devices.values()];
  }

  addRejection(rejection: Rejection): void {
    this.#rejections.push(rejection);
  }

  /** Every refused token exchange with its real reason, oldest first. */
  rejections(): readonly Rejection[] {
    return [...this.#rejections];
  }

  addRequest(entry: RequestLogEntry): void {
    this.#requestLog.push(entry);
  }

  /** Every request answered, oldest first. */
  requestLog(): readonly RequestLogEntry[] {
    return [...this.#requestLog];
  }

  clearRequestLog(): void {
    this.#requestLog.length = 0;
  }

  addFault(fault: Fault): void {
    this.#faults.push(fault);
  }

  /** Takes one failure from the first pending fault that applies to `target`, if any. */
  takeFault(target: Exclude<FaultTarget, "any">): Fault | undefined {
    const fault = this.#faults.find((f) => f.remaining > 0 && (f.target === target || f.target === "any"));
    if (fault === undefined) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.#faults.splice(this.#faults.indexOf(fault), 1);
    return fault;
  }
}
