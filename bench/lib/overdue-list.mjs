// The caseworker's overdue list for the bench's floor: a copy of DeadlinesRepository.list's statement
// for this filter (only the columns the view needs) and of deadlineView, by hand; keep them in step.
export const OVERDUE_SQL = `
  SELECT d.id, d.worker_id, d.employer_id, d.kind::text AS kind, to_char(d.due_date, 'YYYY-MM-DD') AS due_date, d.status::text AS status,
         d.source_type, d.source_id, d.done_type, d.done_id, to_char(d.completed_on, 'YYYY-MM-DD') AS completed_on,
         d.completed_by_id, d.waive_reason, d.version, w.case_number, w.caseworker_id, e.name AS employer_name
  FROM deadlines d JOIN workers w ON w.id = d.worker_id LEFT JOIN employers e ON e.id = d.employer_id
  WHERE w.erased_at IS NULL AND d.assignee_id = $1::uuid AND d.due_date < $2::date AND d.status IN ('OPEN', 'MISSED')
  ORDER BY d.due_date, d.id LIMIT 51`;

export const overdueView = (r) => ({
  id: r.id,
  workerId: r.worker_id,
  caseNumber: r.case_number,
  employerId: r.employer_id,
  employer: r.employer_id ? { id: r.employer_id, name: r.employer_name } : null,
  kind: r.kind,
  dueDate: r.due_date,
  status: r.status,
  source: { type: r.source_type, id: r.source_id },
  doneBy: r.done_type && r.done_id ? { type: r.done_type, id: r.done_id } : null,
  assigneeId: r.caseworker_id,
  completedAt: r.completed_on,
  completedBy: r.completed_by_id,
  waiveReason: r.waive_reason,
  version: r.version,
});
