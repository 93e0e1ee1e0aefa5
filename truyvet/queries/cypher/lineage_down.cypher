// name: lineage_down
// answers: Which documents implement this one, directly or through other plans,
//   and which tasks do they set, assigned to which agencies in which role?
// params: $doc_id (id of the directive at the top of the lineage)
// One row per (implementing document, task, assignment); depth 1 = implements it
// directly. Bounded at 6 levels: variable-length paths must be bounded on the
// embedded engine, and min(length) makes its walk semantics agree with Neo4j's.
MATCH p = (d:Document)-[:IMPLEMENTS*1..6]->(root:Document {id: $doc_id})
WITH d, min(length(p)) AS depth
OPTIONAL MATCH (d)-[:HAS_TASK]->(t:Task)
OPTIONAL MATCH (t)-[a:ASSIGNS]->(ag:Agency)
RETURN DISTINCT depth, d.id AS document, d.kind AS kind, d.date AS date,
       t.id AS task, t.label AS task_label, a.role AS role,
       ag.id AS agency, ag.name AS agency_name
ORDER BY depth, document, task, role, agency
