import { useCallback, useState } from "react";
import { ApiError } from "../../api/api-error.js";
import { getDevboxDefaults, putDevboxDefaults, type DevboxDefaults } from "../../api/devbox-defaults-api.js";
import { getIntegrations } from "../../api/integrations-api.js";
import { canWrite, type Session } from "../../session/session.js";
import { ErrorNotice } from "../../errors/error-notice.js";
import { ReadOnlyNotice } from "../../session/read-only-notice.js";
import { useLoad } from "../../loading/use-load.js";
import { DevboxDefaultsForm } from "./devbox-defaults-form.js";

interface DevboxData {
  readonly defaults: DevboxDefaults;
  readonly specNames: readonly string[];
}

/** The workspace's devbox defaults (admins change them; members read). */
export function DevboxDefaultsPage(props: { readonly session: Session }) {
  const { token, workspace } = props.session;
  const writable = canWrite(props.session);
  const load = useCallback(async (): Promise<DevboxData> => {
    const [defaults, integrations] = await Promise.all([getDevboxDefaults(token), getIntegrations(token)]);
    return { defaults, specNames: Object.keys(integrations.tailscale).sort() };
  }, [token]);
  const { state, reload, replace } = useLoad(load);
  const [saveError, setSaveError] = useState<unknown>();
  const [status, setStatus] = useState("");
  const [revision, setRevision] = useState(0);

  const save = async (defaults: DevboxDefaults): Promise<boolean> => {
    if (state.status !== "ready") return false;
    setSaveError(undefined);
    setStatus("");
    try {
      const saved = await putDevboxDefaults(token, defaults);
      replace({ ...state.data, defaults: saved });
      setRevision((r) => r + 1);
      setStatus("Saved the devbox defaults.");
      return true;
    } catch (error) {
      setSaveError(error);
      if (error instanceof ApiError && error.code === "spec_not_found") await reload();
      return false;
    }
  };

  return (
    <>
      <h1>Devboxes</h1>
      <p className="muted">
        Defaults for new devboxes: the Tailscale spec a devbox joins with when its spec file names none, or
        always, when the default is locked.
      </p>
      {writable ? null : <ReadOnlyNotice role={workspace.role} />}
      {saveError === undefined ? null : (
        <ErrorNotice error={saveError} title="The defaults were not saved." />
      )}
      <p className="status-line" role="status">
        {status}
      </p>
      {state.status === "loading" ? (
        <div className="panel placeholder-panel" aria-busy="true">
          <p className="muted">Loading devbox defaults…</p>
        </div>
      ) : state.status === "error" ? (
        <ErrorNotice
          error={state.error}
          title={
            state.error instanceof ApiError && state.error.isMissingRoute
              ? "This nsc-server does not offer devbox defaults yet."
              : "Could not load the devbox defaults."
          }
          onRetry={() => void reload()}
        />
      ) : (
        <DevboxDefaultsForm
          key={revision}
          defaults={state.data.defaults}
          specNames={state.data.specNames}
          readOnly={!writable}
          onSave={save}
        />
      )}
    </>
  );
}
