/** The endpoints fault injection can target. */
export type FaultTarget = "token-exchange" | "auth-keys" | "register" | "any";

/** A pending injected failure: the next `remaining` matching requests get `status`. */
export interface Fault {
  readonly target: FaultTarget;
  remaining: number;
  readonly status: number;
  readonly message: string;
  /** When set, the body is this text (`text/html`) instead of `{"message": message}`. */
  readonly rawBody?: string;
}
