// name: meeting_reports
// answers: Which documents report a meeting (working session, conference), and which documents record its conclusions?
// params: none
// News reach the documents they are about through the meeting: REPORTS_EVENT
// to the Event, RECORDED_IN to the Thông báo kết luận. how is "matched" when
// the record was inferred across documents (chair, body met, dates), and null
// when a text states it.
MATCH (n:Document)-[:REPORTS_EVENT]->(e:Event)
OPTIONAL MATCH (e)-[r:RECORDED_IN]->(d:Document)
RETURN e.id AS event, e.label AS meeting, e.date AS date, n.id AS reporter, n.title AS reporter_title,
       d.id AS recorded_in, d.label AS record_label, r.role AS how
ORDER BY date, event, reporter, recorded_in
