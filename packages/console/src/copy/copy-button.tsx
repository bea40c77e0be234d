import { useEffect, useState } from "react";
import { copyText } from "./copy-text.js";

/** A button that copies one value; its accessible name is "Copy <thing>". */
export function CopyButton(props: { readonly value: string; readonly thing: string }) {
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (status === "idle") return undefined;
    const timer = window.setTimeout(() => {
      setStatus("idle");
    }, 2000);
    return () => {
      window.clearTimeout(timer);
    };
  }, [status]);
  return (
    <span className="copy">
      <button
        type="button"
        className="small"
        aria-label={`Copy ${props.thing}`}
        onClick={() => {
          void copyText(props.value).then((ok) => {
            setStatus(ok ? "copied" : "failed");
          });
        }}
      >
        Copy
      </button>
      <span className="copy-status" role="status">
        {status === "copied" ? "Copied" : status === "failed" ? "Select and copy by hand" : ""}
      </span>
    </span>
  );
}
