import * as z from "zod/mini";
import { named, time, type Wire } from "./wire.js";

/** `POST /v1/id-token`. */
export const idTokenResponseSchema = named(
  z.strictObject({ id_token: z.string(), expires_at: time }),
  "IdTokenResponse",
);
export type IdTokenResponse = Wire<typeof idTokenResponseSchema>;
