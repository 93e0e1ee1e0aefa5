// name: lineage_up
// answers: Where does this task come from: its document, and the chain of
//   documents that document implements or is based on, up to the root directives?
// params: $task_id (id of a Task node)
// depth 0 is the task's own document; root = true where the chain stops (nothing
// further is implemented or relied on, often a stub not yet ingested).
MATCH (d:Document)-[:HAS_TASK]->(t:Task {id: $task_id})
MATCH p = (d)-[:IMPLEMENTS|BASED_ON*0..6]->(a:Document)
WITH a, min(length(p)) AS depth
OPTIONAL MATCH (a)-[up:IMPLEMENTS|BASED_ON]->(:Document)
RETURN depth, a.id AS document, a.kind AS kind, a.symbol AS symbol, a.date AS date,
       a.stub AS stub, count(up) = 0 AS root
ORDER BY depth, document
