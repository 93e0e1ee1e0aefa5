// name: agency_tasks
// answers: Which tasks is this agency given, in which role, by which documents?
// params: $agency_id (id of an Agency node),
//   $roles = ["lead", "coordinate", "monitor"] (roles to include)
// The role is filtered after WITH, not in the MATCH: LadybugDB 0.22 drops
// rows when a relationship-property filter is pushed into a two-hop pattern
// over more than one node group (980 of 2392 lost at 10k documents), see
// tests/test_query_pack.py::test_agency_tasks_beyond_one_node_group.
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[a:ASSIGNS]->(ag:Agency {id: $agency_id})
WITH d, t, a.role AS role
WHERE role IN $roles
RETURN DISTINCT role, d.id AS document, d.date AS date, t.id AS task,
       t.label AS task_label, t.text AS text, t.deadline AS deadline,
       t.deadline_date AS deadline_date
ORDER BY role, date, document, task
