// name: inherited_tasks
// answers: Which tasks does this agency inherit from the bodies it succeeded
//   (SUCCEEDED_BY followed back, up to 6 steps), in which role, by which documents?
// params: $agency_id (id of an Agency node)
// The role is read after WITH, as in agency_tasks (a relationship-property
// filter pushed into a multi-hop pattern loses rows on LadybugDB 0.22).
MATCH (p:Agency)-[:SUCCEEDED_BY*1..6]->(ag:Agency {id: $agency_id})
WHERE p.id <> ag.id
WITH DISTINCT p
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[a:ASSIGNS]->(p)
WITH p, d, t, a.role AS role
RETURN DISTINCT p.id AS inherited_from, p.name AS predecessor, role, d.id AS document,
       d.date AS date, t.id AS task, t.label AS task_label, t.text AS text,
       t.deadline AS deadline
ORDER BY inherited_from, role, date, document, task
