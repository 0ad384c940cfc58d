package com.acme.privacy.erasure;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

import com.acme.privacy.erasure.StoredRequests.NewRequest;

/**
 * Stores the new requests of concurrent submissions together. Each submitter still returns only once its row has
 * committed, so an answer of 2xx still means stored; but the requests that arrive while a write is at the database
 * share the next statement: one round trip and one commit for all of them, instead of one each. At most
 * {@code privacy.erasure.intake-connections} statements run at once.
 * <p>
 * No thread of its own: a submitter that finds a write slot free writes what is queued, its own request among them;
 * one that finds none waits until its request is written or a slot is freed. Whoever frees a slot wakes the first
 * submitter still queued, so that none is left behind.
 */
@Component
class GroupCommit {

    /** Bounds one statement: its text, its 25 parameters per request, and the wait of those in it. */
    private static final int MAX_BATCH = 64;

    private final Queue<Waiting> queue = new ConcurrentLinkedQueue<>();
    private final Semaphore slots;
    private final StoredRequests stored;

    GroupCommit(StoredRequests stored, ErasureProperties properties) {
        this.stored = stored;
        this.slots = new Semaphore(properties.intakeConnections());
    }

    /**
     * Outside any transaction: the statement commits others' requests too.
     *
     * @return whether it was stored; {@code false} when it met a unique index
     * @throws org.springframework.dao.DataAccessException when it could not be stored; nothing was
     */
    boolean store(NewRequest request) {
        Assert.state(!TransactionSynchronizationManager.isActualTransactionActive(), "A group commit runs in no transaction");
        Waiting mine = new Waiting(request, Thread.currentThread());
        queue.add(mine);
        boolean interrupted = false;
        while (!mine.done) {
            boolean wrote = false;
            if (slots.tryAcquire()) {
                try {
                    wrote = write();
                } finally {
                    slots.release();
                    wakeFirstQueued();
                }
            }
            // Without a slot, or with an empty queue because another writer has taken this request: wait for it.
            if (!wrote && !mine.done) {
                LockSupport.park(this);
                // An interrupt would make every park return at once: keep it for the caller instead.
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return mine.result();
    }

    /** @return whether there was anything to write */
    private boolean write() {
        List<Waiting> batch = new ArrayList<>(MAX_BATCH);
        try {
            Waiting next;
            while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
                batch.add(next);
            }
            if (batch.size() == 1) {
                writeAlone(batch.get(0));
            } else if (!batch.isEmpty()) {
                writeTogether(batch);
            }
        } catch (Error e) {
            // No submitter may wait forever.
            batch.forEach(waiting -> waiting.fail(new IllegalStateException("The request was not written", e)));
            throw e;
        }
        return !batch.isEmpty();
    }

    private void wakeFirstQueued() {
        Waiting first = queue.peek();
        if (first != null) {
            LockSupport.unpark(first.thread);
        }
    }

    private void writeTogether(List<Waiting> batch) {
        Set<UUID> written;
        try {
            written = stored.insertAll(batch.stream().map(Waiting::request).toList());
        } catch (DataIntegrityViolationException | ConcurrencyFailureException e) {
            // One request's fault, or a deadlock with another group: each alone, so that only the faulty one fails.
            batch.forEach(this::writeAlone);
            return;
        } catch (RuntimeException e) {
            batch.forEach(waiting -> waiting.fail(e));
            return;
        }
        batch.forEach(waiting -> waiting.succeed(written.contains(waiting.request.request().getId())));
    }

    private void writeAlone(Waiting waiting) {
        try {
            waiting.succeed(stored.insert(waiting.request));
        } catch (RuntimeException e) {
            waiting.fail(e);
        }
    }

    private static final class Waiting {

        private final NewRequest request;
        private final Thread thread;
        private volatile boolean done;
        private boolean stored;
        private RuntimeException failure;

        Waiting(NewRequest request, Thread thread) {
            this.request = request;
            this.thread = thread;
        }

        NewRequest request() {
            return request;
        }

        void succeed(boolean stored) {
            complete(stored, null);
        }

        void fail(RuntimeException failure) {
            complete(false, failure);
        }

        /** The first outcome counts; the volatile write publishes it to the waiting submitter. */
        private synchronized void complete(boolean stored, RuntimeException failure) {
            if (done) {
                return;
            }
            this.stored = stored;
            this.failure = failure;
            done = true;
            LockSupport.unpark(thread);
        }

        boolean result() {
            if (failure != null) {
                throw failure;
            }
            return stored;
        }
    }
}
