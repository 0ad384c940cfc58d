package com.acme.privacy.callback;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;

import com.acme.privacy.erasure.ErasureRequestChanged;

import tools.jackson.databind.json.JsonMapper;

/** Callbacks that were not delivered within {@code give-up-after}: listed for a person, who may send one again. */
@Component
@NamedInterface("dead-letters")
public class DeadLetters {

    /**
     * One dead letter.
     *
     * @param publication the event publication's id, by which it is sent again
     * @param attempts    how often it was sent again after the first try
     */
    @NamedInterface("dead-letters")
    public record DeadLetter(UUID publication, UUID requestId, String source, String change, Instant changedAt, int attempts,
                             Instant lastTriedAt) {
    }

    private static final String EVENT_TYPE = ErasureRequestChanged.class.getName();

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final CallbackRetries retries;
    private final CallbackProperties properties;

    DeadLetters(JdbcClient jdbc, JsonMapper json, CallbackRetries retries, CallbackProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.retries = retries;
        this.properties = properties;
    }

    /** The oldest first, at most {@code limit}. */
    public List<DeadLetter> list(int limit) {
        return jdbc.sql("""
                        SELECT id, serialized_event, completion_attempts, last_resubmission_date FROM event_publication
                        WHERE event_type = :type AND status = 'FAILED'
                          AND publication_date < now() - make_interval(secs => :giveUpAfter)
                        ORDER BY publication_date LIMIT :limit""")
                .param("type", EVENT_TYPE).param("giveUpAfter", properties.giveUpAfter().toSeconds()).param("limit", limit)
                .query((rs, row) -> {
                    ErasureRequestChanged event = json.readValue(rs.getString("serialized_event"), ErasureRequestChanged.class);
                    OffsetDateTime lastTried = rs.getObject("last_resubmission_date", OffsetDateTime.class);
                    return new DeadLetter(rs.getObject("id", UUID.class), event.requestId(), event.source(), event.change().name(),
                            event.occurredAt(), rs.getInt("completion_attempts"), lastTried == null ? null : lastTried.toInstant());
                })
                .list();
    }

    /** Sends it again now; delivered, it leaves the list. */
    public void resend(UUID publication) {
        retries.resend(publication);
    }
}
