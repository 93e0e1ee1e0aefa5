// name: document
// answers: Which documents carry this symbol (or this id)? A local symbol such
//   as 53-KH/TU may name several documents, one per province.
// params: $symbol (canonical symbol, e.g. 111-TB/VPTW, or a node id)
MATCH (d:Document)
WHERE d.symbol = $symbol OR d.id = $symbol
RETURN d.id AS document, d.kind AS kind, d.symbol AS symbol, d.date AS date,
       d.issuer AS issuer, d.place AS place, d.title AS title, d.stub AS stub
ORDER BY document
