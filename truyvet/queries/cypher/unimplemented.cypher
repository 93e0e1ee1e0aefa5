// name: unimplemented
// answers: Which notices and conclusions has no document implemented yet?
// params: $kinds = ["notice", "conclusion"] (document kinds that call for a plan)
// OPTIONAL MATCH + count instead of NOT EXISTS {}: the embedded engine's
// subqueries differ from Neo4j's.
MATCH (d:Document)
WHERE d.kind IN $kinds
OPTIONAL MATCH (:Document)-[i:IMPLEMENTS]->(d)
WITH d, count(i) AS n
WHERE n = 0
RETURN d.id AS document, d.kind AS kind, d.symbol AS symbol, d.date AS date,
       d.issuer AS issuer, d.stub AS stub
ORDER BY date, document
