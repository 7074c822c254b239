-- The last day the current patent and the current work permit cover, kept on the dossier row so
-- that GET /workers?workAuthorization= bounds plain date columns (workAuthorizationFilter() in
-- src/workers/work-authorization.rules.ts says which bounds each value means). From now on the
-- application writes them (coverDates(), with every change of the papers).

-- AlterTable
ALTER TABLE "workers" ADD COLUMN     "patent_valid_until" DATE,
ADD COLUMN     "work_permit_valid_until" DATE;

-- CreateIndex
CREATE INDEX "workers_patent_valid_until_idx" ON "workers"("patent_valid_until");

-- CreateIndex
CREATE INDEX "workers_work_permit_valid_until_idx" ON "workers"("work_permit_valid_until");

-- The dossiers already there, once: what coverDates() answers. The longest-lasting VALID document
-- of each type counts: a patent covers up to the earlier of its expiry and its paid-up date (LEAST
-- skips a null one), a work permit up to its expiry.
UPDATE workers w SET patent_valid_until = x.patent, work_permit_valid_until = x.permit
FROM (SELECT d.worker_id,
             max(LEAST(d.expires_on, d.paid_until)) FILTER (WHERE d.type = 'PATENT') AS patent,
             max(d.expires_on) FILTER (WHERE d.type = 'WORK_PERMIT') AS permit
      FROM worker_documents d
      WHERE d.status = 'VALID' AND d.type IN ('PATENT', 'WORK_PERMIT')
      GROUP BY d.worker_id) x
WHERE w.id = x.worker_id;
