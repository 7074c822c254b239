-- Every API process keeps the callers behind access tokens in memory (src/auth/actor-cache.ts) and
-- LISTENs on channel actor_changed: these triggers tell it, with the user id as payload, whenever
-- something that decides whether a token is good, or whose it is, changes. A notification is sent
-- when the transaction commits, and repeats within one transaction are sent once.
-- (\073 is the octal escape of a semicolon: the WASM schema engine of Prisma splits scripts on every semicolon.)

-- users: the row itself (its id).
CREATE FUNCTION actor_changed_user() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN PERFORM pg_notify(''actor_changed'', OLD.id::text)\073 RETURN NULL\073 END';

-- user_agencies, refresh_tokens: the user_id column, old and new.
CREATE FUNCTION actor_changed_user_id() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN IF TG_OP <> ''INSERT'' THEN PERFORM pg_notify(''actor_changed'', OLD.user_id::text)\073 END IF\073 IF TG_OP <> ''DELETE'' THEN PERFORM pg_notify(''actor_changed'', NEW.user_id::text)\073 END IF\073 RETURN NULL\073 END';

-- a TRUNCATE names no one: the payload * drops everything cached.
CREATE FUNCTION actor_changed_everyone() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN PERFORM pg_notify(''actor_changed'', ''*'')\073 RETURN NULL\073 END';

-- Active, role and employer are part of the cached caller, and a new password ends the sessions.
-- Logins update failed_logins, locked_until and last_login_at: those notify nothing.
CREATE TRIGGER users_actor_changed_update
  AFTER UPDATE ON "users"
  FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.active IS DISTINCT FROM NEW.active OR OLD.role IS DISTINCT FROM NEW.role
        OR OLD.employer_id IS DISTINCT FROM NEW.employer_id OR OLD.password_hash IS DISTINCT FROM NEW.password_hash)
  EXECUTE FUNCTION actor_changed_user();

CREATE TRIGGER users_actor_changed_delete
  AFTER DELETE ON "users"
  FOR EACH ROW EXECUTE FUNCTION actor_changed_user();

-- The agencies of a liaison officer are part of the cached caller.
CREATE TRIGGER user_agencies_actor_changed
  AFTER INSERT OR UPDATE OR DELETE ON "user_agencies"
  FOR EACH ROW EXECUTE FUNCTION actor_changed_user_id();

-- A session is live while one of its refresh tokens is not revoked: revoking or deleting a live
-- token may end it. Rotation (rotated_at) and new tokens only keep a session alive: no notification.
CREATE TRIGGER refresh_tokens_actor_changed_update
  AFTER UPDATE ON "refresh_tokens"
  FOR EACH ROW
  WHEN ((OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
        OR OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.family_id IS DISTINCT FROM NEW.family_id)
  EXECUTE FUNCTION actor_changed_user_id();

CREATE TRIGGER refresh_tokens_actor_changed_delete
  AFTER DELETE ON "refresh_tokens"
  FOR EACH ROW
  WHEN (OLD.revoked_at IS NULL)
  EXECUTE FUNCTION actor_changed_user_id();

CREATE TRIGGER users_actor_changed_truncate
  AFTER TRUNCATE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION actor_changed_everyone();

CREATE TRIGGER user_agencies_actor_changed_truncate
  AFTER TRUNCATE ON "user_agencies"
  FOR EACH STATEMENT EXECUTE FUNCTION actor_changed_everyone();

CREATE TRIGGER refresh_tokens_actor_changed_truncate
  AFTER TRUNCATE ON "refresh_tokens"
  FOR EACH STATEMENT EXECUTE FUNCTION actor_changed_everyone();
