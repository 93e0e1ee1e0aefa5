// name: document
// answers: Which documents carry this symbol (or this id)? A local symbol such
//   as 53-KH/TU may name several documents, one per province.
// params: $symbol (a symbol, e.g. 111-TB/VPTW, compared whole on its folded key, so 111-tb/vptw finds it too; or a node id)
// The portable text's collect-and-unwind costs Neo4j twice the old index
// lookup (2.6 against 1.3 ms at 10k documents); a UNION of the two lookups
// costs the same as it.
CALL {
  MATCH (:Symbol {id: $symbol_key})<-[:HAS_SYMBOL]-(d:Document) RETURN d
  UNION
  MATCH (d:Document {id: $symbol}) RETURN d
}
RETURN d.id AS document, d.kind AS kind, d.symbol AS symbol, d.date AS date,
       d.issuer AS issuer, d.place AS place, d.title AS title, d.stub AS stub
ORDER BY document
