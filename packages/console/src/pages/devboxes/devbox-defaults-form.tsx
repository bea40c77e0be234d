import { useId, useState, type SubmitEvent } from "react";
import type { DevboxDefaults } from "../../api/devbox-defaults-api.js";
import { READ_ONLY_REASON_ID } from "../../session/read-only-notice.js";

const NONE = "";

/** Chooses the default Tailscale spec for new devboxes and whether devbox spec files may override it. */
export function DevboxDefaultsForm(props: {
  readonly defaults: DevboxDefaults;
  readonly specNames: readonly string[];
  readonly readOnly: boolean;
  readonly onSave: (defaults: DevboxDefaults) => Promise<boolean>;
}) {
  const [spec, setSpec] = useState(props.defaults.tailscale_spec ?? NONE);
  const [locked, setLocked] = useState(props.defaults.locked);
  const [busy, setBusy] = useState(false);
  const specId = useId();
  const lockedId = useId();
  const lockedHint = useId();
  const describedBy = props.readOnly ? READ_ONLY_REASON_ID : undefined;
  const options =
    props.specNames.includes(spec) || spec === NONE ? props.specNames : [...props.specNames, spec];
  const unchanged = spec === (props.defaults.tailscale_spec ?? NONE) && locked === props.defaults.locked;

  const submit = (event: SubmitEvent<HTMLFormElement>): void => {
    event.preventDefault();
    setBusy(true);
    void props.onSave({ tailscale_spec: spec === NONE ? null : spec, locked }).finally(() => {
      setBusy(false);
    });
  };

  return (
    <form className="panel narrow-form" onSubmit={submit} aria-label="Devbox defaults">
      <div className="field">
        <label htmlFor={specId}>Default Tailscale spec</label>
        <select
          id={specId}
          value={spec}
          disabled={props.readOnly}
          aria-describedby={describedBy}
          onChange={(e) => {
            setSpec(e.target.value);
          }}
        >
          <option value={NONE}>None</option>
          {options.map((name) => (
            <option key={name} value={name}>
              {props.specNames.includes(name) ? name : `${name} (no longer exists)`}
            </option>
          ))}
        </select>
      </div>
      <div className="field checkbox">
        <input
          id={lockedId}
          type="checkbox"
          checked={locked}
          disabled={props.readOnly}
          aria-describedby={props.readOnly ? `${lockedHint} ${READ_ONLY_REASON_ID}` : lockedHint}
          onChange={(e) => {
            setLocked(e.target.checked);
          }}
        />
        <label htmlFor={lockedId}>Locked</label>
      </div>
      <p className="hint" id={lockedHint}>
        A locked default applies to every new devbox, even one whose spec file names another Tailscale spec.
        Unlocked, it applies only when the file names none.
      </p>
      <div className="actions">
        <button
          type="submit"
          className="primary"
          disabled={props.readOnly || busy || unchanged}
          aria-describedby={describedBy}
        >
          Save
        </button>
      </div>
    </form>
  );
}
