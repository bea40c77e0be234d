import { useCallback, useEffect, useId, useRef, useState } from "react";
import { ApiError } from "../../api/api-error.js";
import { listAudit, type AuditEvent } from "../../api/audit-api.js";
import type { Session } from "../../session/session.js";
import { ErrorNotice } from "../../errors/error-notice.js";
import { EventTable } from "./event-table.js";
import { EVENT_KINDS } from "./event-kinds.js";

const PAGE_SIZE = 50;

interface Feed {
  readonly events: readonly AuditEvent[] | undefined;
  readonly nextBefore: string | null;
  readonly error: unknown;
  readonly loadingOlder: boolean;
}

const EMPTY_FEED: Feed = { events: undefined, nextBefore: null, error: undefined, loadingOlder: false };

/** The audit log, newest first, filtered by kind of event and paged with "Older". Admins only. */
export function ActivityPage(props: { readonly session: Session }) {
  const { token, workspace } = props.session;
  const [prefix, setPrefix] = useState("");
  const [feed, setFeed] = useState<Feed>(EMPTY_FEED);
  const filterId = useId();
  // Answers to an older filter arrive late sometimes; only the newest request may set the feed.
  const generation = useRef(0);

  const fetchPage = useCallback(
    (before: string | undefined) =>
      listAudit(token, {
        limit: PAGE_SIZE,
        ...(before === undefined ? {} : { before }),
        ...(prefix === "" ? {} : { action: prefix }),
      }),
    [token, prefix],
  );

  const loadFirst = useCallback(() => {
    const current = ++generation.current;
    setFeed(EMPTY_FEED);
    fetchPage(undefined)
      .then((page) => {
        if (current !== generation.current) return;
        setFeed({ events: page.events, nextBefore: page.next_before, error: undefined, loadingOlder: false });
      })
      .catch((error: unknown) => {
        if (current === generation.current) setFeed({ ...EMPTY_FEED, error });
      });
  }, [fetchPage]);

  useEffect(loadFirst, [loadFirst]);

  const loadOlder = (): void => {
    if (feed.nextBefore === null) return;
    const current = generation.current;
    setFeed((f) => ({ ...f, loadingOlder: true, error: undefined }));
    fetchPage(feed.nextBefore)
      .then((page) => {
        if (current !== generation.current) return;
        setFeed((f) => ({
          events: [...(f.events ?? []), ...page.events],
          nextBefore: page.next_before,
          error: undefined,
          loadingOlder: false,
        }));
      })
      .catch((error: unknown) => {
        if (current === generation.current) setFeed((f) => ({ ...f, error, loadingOlder: false }));
      });
  };

  const forbidden = feed.error instanceof ApiError && feed.error.status === 403;

  return (
    <>
      <h1>Activity</h1>
      <p className="muted">Who changed what in this workspace, newest first.</p>
      <div className="toolbar">
        <label htmlFor={filterId}>Kind of event</label>
        <select
          id={filterId}
          value={prefix}
          onChange={(e) => {
            setPrefix(e.target.value);
          }}
        >
          {EVENT_KINDS.map((kind) => (
            <option key={kind.prefix} value={kind.prefix}>
              {kind.label}
            </option>
          ))}
        </select>
      </div>
      {forbidden ? (
        <div className="notice notice-info" role="alert">
          <p>
            <strong>Activity is visible to admins only.</strong> Your token has the {workspace.role} role. (
            {feed.error instanceof Error ? feed.error.message : ""})
          </p>
        </div>
      ) : feed.error !== undefined && feed.events === undefined ? (
        <ErrorNotice error={feed.error} title="Could not load the activity." onRetry={loadFirst} />
      ) : (
        <>
          <div className="table-frame">
            <EventTable events={feed.events} />
          </div>
          {feed.error === undefined ? null : (
            <ErrorNotice error={feed.error} title="Could not load older events." />
          )}
          <div className="actions">
            {feed.nextBefore === null ? (
              feed.events === undefined || feed.events.length === 0 ? null : (
                <p className="muted">That is everything.</p>
              )
            ) : (
              <button type="button" onClick={loadOlder} disabled={feed.loadingOlder}>
                {feed.loadingOlder ? "Loading older events…" : "Older"}
              </button>
            )}
          </div>
        </>
      )}
    </>
  );
}
