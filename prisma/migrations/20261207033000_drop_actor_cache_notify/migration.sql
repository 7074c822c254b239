-- The per-process actor cache is gone: every token check reads the user and the session from the
-- database (src/auth/strategies.ts), so nothing listens on actor_changed any more. Its triggers and
-- functions (migration 20261202031500_actor_cache_notify) go with it.
DROP TRIGGER IF EXISTS users_actor_changed_update ON "users";
DROP TRIGGER IF EXISTS users_actor_changed_delete ON "users";
DROP TRIGGER IF EXISTS users_actor_changed_truncate ON "users";
DROP TRIGGER IF EXISTS user_agencies_actor_changed ON "user_agencies";
DROP TRIGGER IF EXISTS user_agencies_actor_changed_truncate ON "user_agencies";
DROP TRIGGER IF EXISTS refresh_tokens_actor_changed_update ON "refresh_tokens";
DROP TRIGGER IF EXISTS refresh_tokens_actor_changed_delete ON "refresh_tokens";
DROP TRIGGER IF EXISTS refresh_tokens_actor_changed_truncate ON "refresh_tokens";
DROP FUNCTION IF EXISTS actor_changed_user();
DROP FUNCTION IF EXISTS actor_changed_user_id();
DROP FUNCTION IF EXISTS actor_changed_everyone();
