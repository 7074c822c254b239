-- refresh_authorizing_documents() as first written read the documents with its statement's
-- snapshot: a transaction that waited for the worker row behind another one then wrote a copy
-- without the other's change (two patents recorded at once left one in the copy, a revocation
-- racing an insert left the revoked patent shown as VALID). Now it first locks the dossier rows,
-- in id order, and only then reads the documents, in a statement of its own, whose fresh snapshot
-- (READ COMMITTED) holds every change committed before the lock was granted.
--
-- Lock order: a transaction changes document rows first and the dossier row after (this trigger),
-- code that writes both must do the same (WorkersRepository.erase()), or two of them deadlock.
CREATE OR REPLACE FUNCTION refresh_authorizing_documents(ids UUID[]) RETURNS void LANGUAGE plpgsql AS E'BEGIN
  IF cardinality(ids) = 0 THEN
    RETURN\073
  END IF\073
  PERFORM 1 FROM workers WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE\073
  UPDATE workers w SET authorizing_documents = x.docs
  FROM (SELECT v.id,
               COALESCE((SELECT jsonb_agg(jsonb_build_object(''type'', d.type, ''status'', d.status, ''issuedOn'', d.issued_on,
                                                             ''expiresOn'', d.expires_on, ''paidUntil'', d.paid_until) ORDER BY d.id)
                         FROM worker_documents d
                         WHERE d.worker_id = v.id AND d.status = ''VALID'' AND d.type IN (''PATENT'', ''WORK_PERMIT'')), ''[]''::jsonb) AS docs
        FROM workers v WHERE v.id = ANY (ids)) x
  WHERE w.id = x.id AND w.authorizing_documents IS DISTINCT FROM x.docs\073
END';
