import { useId, useState, type SubmitEvent } from "react";
import { errorMessage } from "../api/api-error.js";
import type { Session } from "./session.js";
import { signIn } from "./sign-in.js";

/** The sign-in form: one API token field; the server decides whether it is good. */
export function SignInPage(props: {
  readonly onSignedIn: (session: Session) => void;
  readonly notice?: string;
}) {
  const [token, setToken] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(props.notice);
  const hintId = useId();
  const errorId = useId();

  const submit = (event: SubmitEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const value = token.trim();
    if (value === "") {
      setError("Paste an API token first (nsc-server prints one on its first start).");
      return;
    }
    setBusy(true);
    setError(undefined);
    signIn(value)
      .then((session) => {
        props.onSignedIn(session);
      })
      .catch((e: unknown) => {
        setError(errorMessage(e));
        setBusy(false);
      });
  };

  return (
    <main className="sign-in">
      <form className="panel sign-in-form" onSubmit={submit} aria-labelledby="sign-in-title" noValidate>
        <h1 id="sign-in-title">nsc console</h1>
        <p className="muted" id={hintId}>
          Sign in with an admin or member API token. It stays in this browser tab only and is forgotten when
          you sign out or close the tab.
        </p>
        <label htmlFor="api-token">API token</label>
        <input
          id="api-token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          aria-describedby={error === undefined ? hintId : `${hintId} ${errorId}`}
          aria-invalid={error !== undefined}
          onChange={(e) => {
            setToken(e.target.value);
          }}
        />
        <p className="field-error" id={errorId} role="alert">
          {error ?? ""}
        </p>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
