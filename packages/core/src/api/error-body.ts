import * as z from "zod/mini";
import { ERROR_CODES } from "../errors/error-code.js";
import { named, type Wire } from "./wire.js";

/** `{"error":{"code","message","field?"}}`: every error response. */
export const errorBodySchema = named(
  z.strictObject({
    error: z.strictObject({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      field: z.exactOptional(z.string()),
    }),
  }),
  "ErrorBody",
);
export type ErrorBody = Wire<typeof errorBodySchema>;
