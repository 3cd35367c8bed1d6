-- Every API process caches who a bearer token belongs to (roles, team ties, session expiry)
-- and LISTENs on this channel; any change that could alter such an answer NOTIFYs it at
-- commit, which empties every process's cache. Logins (new sessions, new users) notify
-- nothing: a token nobody has seen yet cannot be cached anywhere.
CREATE FUNCTION session_notify_change() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('session_changed', TG_TABLE_NAME);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- The hourly sliding renewal only moves expires_at (and last_seen_at) later. A cached answer
-- holds the earlier expiry, which is checked on every hit, so it is stricter, never wrong:
-- renewals stay silent and do not empty every process's cache once per active session an hour.
-- Anything else (logout, revocation, an earlier expiry) notifies.
CREATE FUNCTION sessions_notify_change() RETURNS trigger AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM old_sessions o
    WHERE NOT EXISTS (
      SELECT 1 FROM new_sessions n
      WHERE n.id = o.id
        AND n.user_id = o.user_id
        AND n.token_hash = o.token_hash
        AND n.channel = o.channel
        AND n.revoked_at IS NOT DISTINCT FROM o.revoked_at
        AND n.ends_at = o.ends_at
        AND n.expires_at >= o.expires_at
    )
  ) THEN
    PERFORM pg_notify('session_changed', TG_TABLE_NAME);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER sessions_session_changed AFTER UPDATE ON sessions
  REFERENCING OLD TABLE AS old_sessions NEW TABLE AS new_sessions
  FOR EACH STATEMENT EXECUTE FUNCTION sessions_notify_change();
--> statement-breakpoint
CREATE TRIGGER sessions_session_removed AFTER DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION session_notify_change();
--> statement-breakpoint
-- Only the columns an actor is made of: a login (last_login_at) or a new name or avatar does
-- not empty everyone's cache. A console edit that rewrites roles unchanged notifies; it is rare.
CREATE TRIGGER users_session_changed AFTER UPDATE OF roles, status, partner_id, deleted_at ON users
  FOR EACH STATEMENT EXECUTE FUNCTION session_notify_change();
--> statement-breakpoint
CREATE TRIGGER users_session_removed AFTER DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION session_notify_change();
--> statement-breakpoint
CREATE TRIGGER team_members_session_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON team_members
  FOR EACH STATEMENT EXECUTE FUNCTION session_notify_change();
--> statement-breakpoint
CREATE TRIGGER team_supervisors_session_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON team_supervisors
  FOR EACH STATEMENT EXECUTE FUNCTION session_notify_change();
--> statement-breakpoint
CREATE TRIGGER team_partners_session_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON team_partners
  FOR EACH STATEMENT EXECUTE FUNCTION session_notify_change();
