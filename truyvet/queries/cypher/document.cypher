// name: document
// answers: Which documents carry this symbol (or this id)? A local symbol such
//   as 53-KH/TU may name several documents, one per province.
// params: $symbol (a symbol, e.g. 111-TB/VPTW, compared whole on its folded key, so 111-tb/vptw finds it too; or a node id)
// Two primary-key lookups, no scan: $symbol_key is $symbol folded (filled in
// by the pack), the key of the Symbol node joined to every document that
// carries it. document.scan.cypher answers on a store without the key.
OPTIONAL MATCH (:Symbol {id: $symbol_key})<-[:HAS_SYMBOL]-(k:Document)
WITH collect(k.id) + [$symbol] AS ids
UNWIND ids AS i
MATCH (d:Document {id: i})
RETURN DISTINCT d.id AS document, d.kind AS kind, d.symbol AS symbol, d.date AS date,
       d.issuer AS issuer, d.place AS place, d.title AS title, d.stub AS stub
ORDER BY document
