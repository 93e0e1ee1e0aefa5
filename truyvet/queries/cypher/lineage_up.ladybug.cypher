// name: lineage_up
// answers: Where does this task come from: its document, and the chain of
//   documents that document implements or is based on, up to the root directives?
// params: $task_id (id of a Task node)
// The embedded dialect. A variable-length match walks every path to each
// ancestor and keeps the shortest; SHORTEST walks breadth-first and reaches
// each one once (at 100k documents the walk took 0.6 ms instead of 1.2, and
// the whole query 0.82 ms instead of 1.04–1.40, p50).
// Its lower bound is 1, so the task's own document (depth 0) comes from a
// first branch; a union keeps its branches in order, and ORDER BY sorts the last.
MATCH (t:Task {id: $task_id})<-[:HAS_TASK]-(a:Document)
OPTIONAL MATCH (a)-[up:IMPLEMENTS|BASED_ON]->(:Document)
RETURN 0 AS depth, a.id AS document, a.kind AS kind, a.symbol AS symbol,
       a.date AS date, a.stub AS stub, count(up) = 0 AS root
UNION ALL
MATCH (t:Task {id: $task_id})<-[:HAS_TASK]-(d:Document)
MATCH p = (d)-[:IMPLEMENTS|BASED_ON* SHORTEST 1..6]->(a:Document)
WHERE a <> d
OPTIONAL MATCH (a)-[up:IMPLEMENTS|BASED_ON]->(:Document)
RETURN length(p) AS depth, a.id AS document, a.kind AS kind, a.symbol AS symbol,
       a.date AS date, a.stub AS stub, count(up) = 0 AS root
ORDER BY depth, document
