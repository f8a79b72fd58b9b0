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

CREATE TRIGGER alert_events_raised AFTER INSERT ON alerts BEGIN
    INSERT INTO alert_events (alert_id, kind) VALUES (NEW.id, 'raised');
END;

CREATE TRIGGER alert_events_escalated AFTER UPDATE OF escalation ON alerts
WHEN NEW.escalation <> OLD.escalation BEGIN
    INSERT INTO alert_events (alert_id, kind) VALUES (NEW.id, 'escalated');
END;

CREATE TRIGGER alert_events_acknowledged AFTER UPDATE OF status ON alerts
WHEN NEW.status = 'acknowledged' AND OLD.status = 'open' BEGIN
    INSERT INTO alert_events (alert_id, kind) VALUES (NEW.id, 'acknowledged');
END;
