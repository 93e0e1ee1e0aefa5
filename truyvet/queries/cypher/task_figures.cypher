// name: task_figures
// answers: Per lead agency, as of a day: tasks assigned, with a due date, completed on
//   time, completed late, in progress within the deadline, overdue, without a deadline,
//   and the share completed on time of those completed or past due (the Government
//   Office's figures).
// params: $as_of (ISO day, e.g. "2023-01-01")
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
// Counts with count(CASE …) rather than sum: both engines return an integer.
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
WITH coalesce(t.agency_id, '') AS agency_id, coalesce(t.agency, '(chưa rõ cơ quan chủ trì)') AS agency,
     count(*) AS assigned,
     count(CASE WHEN state IN ['done', 'no_deadline'] THEN NULL ELSE 1 END) AS with_due,
     count(CASE WHEN state = 'done_on_time' THEN 1 ELSE NULL END) AS done_on_time,
     count(CASE WHEN state = 'done_late' THEN 1 ELSE NULL END) AS done_late,
     count(CASE WHEN state = 'in_progress' THEN 1 ELSE NULL END) AS in_progress,
     count(CASE WHEN state = 'overdue' THEN 1 ELSE NULL END) AS overdue,
     count(CASE WHEN state IN ['done', 'no_deadline'] THEN 1 ELSE NULL END) AS no_deadline
RETURN agency_id, agency, assigned, with_due, done_on_time, done_late, in_progress, overdue, no_deadline,
       CASE WHEN done_on_time + done_late + overdue = 0 THEN NULL
            ELSE 100.0 * done_on_time / (done_on_time + done_late + overdue) END AS on_time_pct
ORDER BY overdue DESC, assigned DESC, agency, agency_id
