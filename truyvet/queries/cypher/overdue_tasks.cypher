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
// Only a task due before $as_of can be overdue: the others are not read further.
MATCH (t:TrackedTask)
WHERE t.due < $as_of AND ($agency = '' OR t.agency_id = $agency OR t.agency = $agency)
OPTIONAL MATCH (o:StatusEvent)
WHERE o.task_id = t.task_id AND o.status <> 'done' AND o.date <= $as_of
WITH t, max(o.date) AS opened
OPTIONAL MATCH (e:StatusEvent)
WHERE e.task_id = t.task_id AND e.status = 'done' AND e.date <= $as_of
// Only completions on or after the last reopening count. The test sits in the
// aggregates: LadybugDB 0.22 drops OPTIONAL MATCH rows filtered on a WITH value.
WITH t, e, e.date >= coalesce(opened, '') AS closes
WITH t, min(CASE WHEN closes THEN e.date ELSE NULL END) AS done_on
WHERE done_on IS NULL
RETURN coalesce(t.agency, '(chưa rõ cơ quan chủ trì)') AS agency, t.task_id AS task, t.label AS label,
       t.doc_label AS document, t.deadline AS deadline, t.due AS due, t.text AS text, t.file AS file,
       t.sha256 AS sha256, t.span_start AS span_start, t.span_end AS span_end, t.quote AS quote
ORDER BY agency, due, task
