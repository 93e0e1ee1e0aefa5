// name: stubs
// answers: Which documents are cited or implemented but not ingested yet,
//   and by how many ingested documents?
// params: none
MATCH (d:Document)
WHERE d.stub = true
OPTIONAL MATCH (:Document)-[r:IMPLEMENTS|BASED_ON|CITES]->(d)
RETURN d.id AS document, d.kind AS kind, d.symbol AS symbol, d.date AS date,
       count(DISTINCT r.source_id) AS cited_by
ORDER BY cited_by DESC, document
