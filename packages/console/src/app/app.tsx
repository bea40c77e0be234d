import { useEffect, useState } from "react";
import { errorMessage } from "../api/api-error.js";
import { CONSOLE_ROUTES } from "../routing/console-routes.js";
import { usePath } from "../routing/use-path.js";
import type { Session } from "../session/session.js";
import { signIn } from "../session/sign-in.js";
import { SignInPage } from "../session/sign-in-page.js";
import { tokenStore } from "../session/token-store.js";
import { ConsoleShell } from "./console-shell.js";
import { ConsolePage } from "./console-page.js";

type SessionState =
  | { readonly kind: "restoring" }
  | { readonly kind: "signed-out"; readonly notice?: string }
  | { readonly kind: "signed-in"; readonly session: Session };

/** The console: restores a session from this tab, or asks for a token; then the page for the URL. */
export function App() {
  const [path, navigate] = usePath();
  const [state, setState] = useState<SessionState>(() =>
    tokenStore.read() === undefined ? { kind: "signed-out" } : { kind: "restoring" },
  );

  useEffect(() => {
    const token = tokenStore.read();
    if (token === undefined) return;
    signIn(token)
      .then((session) => {
        setState({ kind: "signed-in", session });
      })
      .catch((error: unknown) => {
        tokenStore.forget();
        setState({ kind: "signed-out", notice: `Signed out: ${errorMessage(error)}` });
      });
  }, []);

  useEffect(() => {
    const label = CONSOLE_ROUTES.find((r) => r.path === path)?.label ?? "Console";
    document.title = state.kind === "signed-in" ? `${label} · nsc console` : "Sign in · nsc console";
  }, [path, state.kind]);

  switch (state.kind) {
    case "restoring":
      return (
        <main className="sign-in" aria-busy="true">
          <p className="muted">Loading…</p>
        </main>
      );
    case "signed-out":
      return (
        <SignInPage
          {...(state.notice === undefined ? {} : { notice: state.notice })}
          onSignedIn={(session) => {
            tokenStore.save(session.token);
            setState({ kind: "signed-in", session });
          }}
        />
      );
    case "signed-in":
      return (
        <ConsoleShell
          session={state.session}
          path={path}
          onNavigate={navigate}
          onSignOut={() => {
            tokenStore.forget();
            setState({ kind: "signed-out" });
          }}
        >
          <ConsolePage key={path} path={path} session={state.session} />
        </ConsoleShell>
      );
    default: {
      return state satisfies never;
    }
  }
}
