-- GET /api/v1/alerts/stream (issue 16): one row for each alert raised, escalated or
-- acknowledged, written by triggers on alerts so that no writer can forget one.  seq is
-- the stream's event id (Last-Event-ID): it only grows (AUTOINCREMENT never reuses one).
-- The row says only which alert changed and how; who may see it is asked of alerts at
-- read time, as GET /alerts asks.
CREATE TABLE alert_events (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id TEXT NOT NULL REFERENCES alerts (id),
    kind     TEXT NOT NULL CHECK (kind IN ('raised', 'escalated', 'acknowledged'))
);

-- PostgreSQL: the three triggers as one function (the rest of this file is the SQLite
-- one's).
CREATE FUNCTION alert_events_record() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO alert_events (alert_id, kind) VALUES (NEW.id, 'raised');
    ELSE
        IF NEW.escalation <> OLD.escalation THEN
            INSERT INTO alert_events (alert_id, kind) VALUES (NEW.id, 'escalated');
        END IF;
        IF NEW.status = 'acknowledged' AND OLD.status = 'open' THEN
            INSERT INTO alert_events (alert_id, kind) VALUES (NEW.id, 'acknowledged');
        END IF;
    END IF;
    RETURN NULL;
END
$fn$;
CREATE TRIGGER alert_events_raised AFTER INSERT ON alerts
    FOR EACH ROW EXECUTE FUNCTION alert_events_record();
CREATE TRIGGER alert_events_changed AFTER UPDATE OF escalation, status ON alerts
    FOR EACH ROW EXECUTE FUNCTION alert_events_record();
