// name: agencies_by_lead
// answers: Which agencies lead the most tasks?
// params: $limit = 20 (how many agencies)
MATCH (t:Task)-[a:ASSIGNS]->(ag:Agency)
WHERE a.role = 'lead'
RETURN ag.id AS agency, ag.name AS name, count(DISTINCT t.id) AS tasks
ORDER BY tasks DESC, agency
LIMIT $limit
