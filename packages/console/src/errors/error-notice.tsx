import { NscError } from "@nsc/core/browser";
import { errorMessage } from "../api/api-error.js";

/**
 * An error from the API or from core's validation, with its message, its code and an optional way to try
 * again.
 */
export function ErrorNotice(props: {
  readonly error: unknown;
  readonly title?: string;
  readonly onRetry?: () => void;
}) {
  const code = props.error instanceof NscError ? props.error.code : undefined;
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{props.title ?? "Something went wrong."}</strong> {errorMessage(props.error)}
        {code === undefined ? null : <span className="code"> ({code})</span>}
      </p>
      {props.onRetry === undefined ? null : (
        <button type="button" onClick={props.onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
