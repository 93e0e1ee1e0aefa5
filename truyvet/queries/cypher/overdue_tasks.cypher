// name: overdue_tasks
// answers: Which tasks are overdue as of a day, by lead agency, with the sentence that
//   assigns each and the file and span it is read from?
// params: $as_of (ISO day, e.g. "2023-01-01"),
//   $agency = "" (an agency id or its exact name; "" for every agency)
// The state of each task follows truyvet.tracking.events.state_as_of: the
// last "not done" / "in progress" event up to $as_of opens the task, the
// first "done" on or after it closes it; closed after the due day (a day
// the report itself gives) or said late is late; open past the due day is
// overdue. Events and tasks come from the tracking view, which truyvet
// ingest, status import and correct rewrite (truyvet.tracking.views).
MATCH (t:TrackedTask)
OPTIONAL MATCH (o:StatusEvent)
WHERE o.task_id = t.task_id AND o.status <> 'done' AND o.date <= $as_of
WITH t, max(o.date) AS opened
OPTIONAL MATCH (e:StatusEvent)
WHERE e.task_id = t.task_id AND e.status = 'done' AND e.date <= $as_of
// Only completions on or after the last reopening count. The test sits in the
// aggregates: LadybugDB 0.22 drops OPTIONAL MATCH rows filtered on a WITH value.
WITH t, e, e.date >= coalesce(opened, '') AS closes
WITH t, min(CASE WHEN closes THEN e.date ELSE NULL END) AS done_on,
     min(CASE WHEN closes AND e.exact THEN e.date ELSE NULL END) AS exact_on,
     max(CASE WHEN closes AND e.said_late THEN 1 ELSE 0 END) AS said_late
WITH t, done_on, CASE
    WHEN done_on IS NULL AND t.due IS NULL THEN 'no_deadline'
    WHEN done_on IS NULL AND t.due < $as_of THEN 'overdue'
    WHEN done_on IS NULL THEN 'in_progress'
    WHEN t.due IS NULL THEN 'done'
    WHEN said_late = 1 OR (done_on > t.due AND exact_on = done_on) THEN 'done_late'
    ELSE 'done_on_time' END AS state
WITH t, state
WHERE state = 'overdue' AND ($agency = '' OR t.agency_id = $agency OR t.agency = $agency)
RETURN coalesce(t.agency, '(chưa rõ cơ quan chủ trì)') AS agency, t.task_id AS task, t.label AS label,
       t.doc_label AS document, t.deadline AS deadline, t.due AS due, t.text AS text, t.file AS file,
       t.sha256 AS sha256, t.span_start AS span_start, t.span_end AS span_end, t.quote AS quote
ORDER BY agency, due, task
