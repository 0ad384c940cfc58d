-- Spring Modulith's event publication registry (its v2 JDBC schema for PostgreSQL): the transactional outbox of the
-- portal callbacks. A change's event is written here in the transaction of the change, and its row completes (and is
-- deleted, spring.modulith.events.completion-mode=delete) once the portal took it.
CREATE TABLE event_publication (
    id                     uuid                     NOT NULL PRIMARY KEY,
    listener_id            text                     NOT NULL,
    event_type             text                     NOT NULL,
    serialized_event       text                     NOT NULL,
    publication_date       timestamp with time zone NOT NULL,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    integer,
    last_resubmission_date timestamp with time zone
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);
-- Failed deliveries and dead letters are read by status, oldest first.
CREATE INDEX event_publication_by_status_idx ON event_publication (status, publication_date);
