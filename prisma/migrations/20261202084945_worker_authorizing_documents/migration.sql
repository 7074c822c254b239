-- AlterTable
ALTER TABLE "workers" ADD COLUMN     "authorizing_documents" JSONB NOT NULL DEFAULT '[]';

-- What work authorisation is derived from, on the dossier row: the VALID PATENT and WORK_PERMIT
-- documents as {type, status, issuedOn, expiresOn, paidUntil}, in id order. A search page and a
-- dossier read take them with the row instead of aggregating worker_documents for every read:
-- work-authorization.rules.ts still decides what they mean. Kept by the triggers below, per
-- statement (a bulk import is one pass), and a dossier whose papers did not change is not written.
CREATE FUNCTION refresh_authorizing_documents(ids UUID[]) RETURNS void LANGUAGE sql AS E'
  UPDATE workers w SET authorizing_documents = x.docs
  FROM (SELECT v.id,
               COALESCE((SELECT jsonb_agg(jsonb_build_object(''type'', d.type, ''status'', d.status, ''issuedOn'', d.issued_on,
                                                             ''expiresOn'', d.expires_on, ''paidUntil'', d.paid_until) ORDER BY d.id)
                         FROM worker_documents d
                         WHERE d.worker_id = v.id AND d.status = ''VALID'' AND d.type IN (''PATENT'', ''WORK_PERMIT'')), ''[]''::jsonb) AS docs
        FROM workers v WHERE v.id = ANY (ids)) x
  WHERE w.id = x.id AND w.authorizing_documents IS DISTINCT FROM x.docs';

CREATE FUNCTION worker_documents_authorizing_insert() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  PERFORM refresh_authorizing_documents(ARRAY(SELECT DISTINCT worker_id FROM new_rows WHERE type IN (''PATENT'', ''WORK_PERMIT'')))\073
  RETURN NULL\073
END';

CREATE FUNCTION worker_documents_authorizing_update() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  PERFORM refresh_authorizing_documents(ARRAY(
    SELECT o.worker_id FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.type IN (''PATENT'', ''WORK_PERMIT'') OR n.type IN (''PATENT'', ''WORK_PERMIT''))
      AND (o.worker_id, o.type, o.status, o.issued_on, o.expires_on, o.paid_until)
          IS DISTINCT FROM (n.worker_id, n.type, n.status, n.issued_on, n.expires_on, n.paid_until)
    UNION
    SELECT n.worker_id FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.type IN (''PATENT'', ''WORK_PERMIT'') OR n.type IN (''PATENT'', ''WORK_PERMIT'')) AND n.worker_id IS DISTINCT FROM o.worker_id))\073
  RETURN NULL\073
END';

CREATE FUNCTION worker_documents_authorizing_delete() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  PERFORM refresh_authorizing_documents(ARRAY(SELECT DISTINCT worker_id FROM old_rows WHERE type IN (''PATENT'', ''WORK_PERMIT'')))\073
  RETURN NULL\073
END';

CREATE FUNCTION worker_documents_authorizing_truncate() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  UPDATE workers SET authorizing_documents = ''[]''::jsonb WHERE authorizing_documents <> ''[]''::jsonb\073
  RETURN NULL\073
END';

CREATE TRIGGER worker_documents_authorizing_insert AFTER INSERT ON "worker_documents"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION worker_documents_authorizing_insert();
CREATE TRIGGER worker_documents_authorizing_update AFTER UPDATE ON "worker_documents"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION worker_documents_authorizing_update();
CREATE TRIGGER worker_documents_authorizing_delete AFTER DELETE ON "worker_documents"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION worker_documents_authorizing_delete();
CREATE TRIGGER worker_documents_authorizing_truncate AFTER TRUNCATE ON "worker_documents"
  FOR EACH STATEMENT EXECUTE FUNCTION worker_documents_authorizing_truncate();

-- the dossiers already there
SELECT refresh_authorizing_documents(ARRAY(SELECT DISTINCT worker_id FROM worker_documents WHERE status = 'VALID' AND type IN ('PATENT', 'WORK_PERMIT')));
