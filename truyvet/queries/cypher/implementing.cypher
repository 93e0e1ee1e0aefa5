// name: implementing
// answers: Which documents directly implement this one?
// params: $doc_id (id of the implemented document)
// evidence counts the IMPLEMENTS edges (one per asserting text); reported counts
// those stated by a third document rather than by the implementing one itself
// (count of a property skips nulls; sum() would come back as a Decimal from LadybugDB).
MATCH (d:Document)-[r:IMPLEMENTS]->(x:Document {id: $doc_id})
RETURN d.id AS document, d.kind AS kind, d.symbol AS symbol, d.date AS date,
       d.title AS title, d.stub AS stub, count(r) AS evidence,
       count(r.reported_by) AS reported
ORDER BY date, document
