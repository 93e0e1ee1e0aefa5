// name: successor_chain
// answers: Which bodies took over from this agency, directly or in turn
//   (SUCCEEDED_BY followed forward, up to 6 steps), and how many steps away?
// params: $agency_id (id of an Agency node)
MATCH p = (a:Agency {id: $agency_id})-[:SUCCEEDED_BY*1..6]->(s:Agency)
WHERE s.id <> a.id
WITH s, length(p) AS hops
RETURN s.id AS successor, s.name AS name, s.place AS place, min(hops) AS hops
ORDER BY hops, successor
