// name: path_between
// answers: How are two documents connected? All shortest paths over
//   IMPLEMENTS / BASED_ON / CITES, in either direction, up to 8 hops.
// params: $from (id of one document), $to (id of the other document)
// The embedded dialect: ALL SHORTEST, list_transform/label(), and ordering on
// joined strings because it cannot ORDER BY a list.
MATCH p = (a:Document {id: $from})-[:IMPLEMENTS|BASED_ON|CITES* ALL SHORTEST 1..8]-(b:Document {id: $to})
WITH list_transform(nodes(p), n -> n.id) AS ids,
     list_transform(rels(p), r -> label(r)) AS rels, length(p) AS hops
RETURN DISTINCT hops, ids, rels, list_to_string('>', ids) AS route,
       list_to_string('>', rels) AS via
ORDER BY route, via
