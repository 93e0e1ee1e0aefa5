// name: path_between
// answers: How are two documents connected? All shortest paths over
//   IMPLEMENTS / BASED_ON / CITES, in either direction, up to 8 hops.
// params: $from (id of one document), $to (id of the other document)
// The Neo4j dialect: allShortestPaths (which refuses equal endpoints, hence
// a <> b), list comprehensions and type(); route/via as in the embedded variant.
MATCH (a:Document {id: $from}), (b:Document {id: $to})
WHERE a <> b
MATCH p = allShortestPaths((a)-[:IMPLEMENTS|BASED_ON|CITES*..8]-(b))
WITH [n IN nodes(p) | n.id] AS ids, [r IN relationships(p) | type(r)] AS rels,
     length(p) AS hops
RETURN DISTINCT hops, ids, rels,
       reduce(s = head(ids), x IN tail(ids) | s + '>' + x) AS route,
       reduce(s = head(rels), x IN tail(rels) | s + '>' + x) AS via
ORDER BY route, via
