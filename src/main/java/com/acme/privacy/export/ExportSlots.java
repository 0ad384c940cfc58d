package com.acme.privacy.export;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.stereotype.Component;

/**
 * Bounds the long streamed reads, exports and anchor heads lists, to {@code privacy.export.max-concurrent} on this
 * replica and {@code max-concurrent-per-client} per caller. Each holds a pooled connection for as long as its reader
 * takes, up to {@code privacy.export.timeout}: unbounded, a few slow readers would take the whole pool and every other
 * call would wait for a connection and answer 503. Beyond the bounds a caller is refused at once (429), not queued.
 */
@Component
public class ExportSlots {

    /** No export's end can be foreseen; a minute is a fair first wait for a small one. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(60);

    /** A slot taken; closing it frees it. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private final Semaphore replica;
    private final int perCaller;
    private final Map<String, Integer> byCaller = new ConcurrentHashMap<>();

    ExportSlots(ExportProperties properties) {
        this.replica = new Semaphore(properties.maxConcurrent());
        this.perCaller = properties.maxConcurrentPerClient();
    }

    /**
     * @param caller who streams, as the audit trail names actors ({@code client:crm}, {@code user:jane})
     * @throws ExportsBusy when the caller's or the replica's slots are all taken
     */
    public Slot take(String caller) {
        boolean[] taken = {false};
        byCaller.compute(caller, (name, running) -> {
            int count = running == null ? 0 : running;
            taken[0] = count < perCaller;
            return taken[0] ? count + 1 : running;
        });
        if (!taken[0]) {
            throw new ExportsBusy(true, RETRY_AFTER);
        }
        if (!replica.tryAcquire()) {
            release(caller);
            throw new ExportsBusy(false, RETRY_AFTER);
        }
        AtomicBoolean held = new AtomicBoolean(true);
        return () -> {
            if (held.compareAndSet(true, false)) {
                replica.release();
                release(caller);
            }
        };
    }

    private void release(String caller) {
        byCaller.computeIfPresent(caller, (name, running) -> running == 1 ? null : running - 1);
    }
}
