// name: lineage_up
// answers: Where does this task come from: its document, and the chain of
//   documents that document implements or is based on, up to the root directives?
// params: $task_id (id of a Task node)
// depth 0 is the task's own document; root = true where the chain stops (nothing
// further is implemented or relied on, often a stub not yet ingested).
// One aggregation over (path, outgoing link) rows rather than WITH min(...) and
// then a second OPTIONAL MATCH + count: count(up) is still 0 exactly for a root,
// and LadybugDB plans one join and one aggregate fewer (~15 % of the query).
MATCH (d:Document)-[:HAS_TASK]->(t:Task {id: $task_id})
MATCH p = (d)-[:IMPLEMENTS|BASED_ON*0..6]->(a:Document)
OPTIONAL MATCH (a)-[up:IMPLEMENTS|BASED_ON]->(:Document)
RETURN min(length(p)) AS depth, a.id AS document, a.kind AS kind, a.symbol AS symbol,
       a.date AS date, a.stub AS stub, count(up) = 0 AS root
ORDER BY depth, document
