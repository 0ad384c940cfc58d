package com.acme.privacy.dispatch;

import org.springframework.modulith.NamedInterface;

/** The dispatcher's account of its gate to Gong, for health and the console. */
@NamedInterface("gate")
public interface GongGate {

    /**
     * Reads the shared state from PostgreSQL; from any thread.
     *
     * @throws org.springframework.dao.DataAccessException when the database cannot be read
     */
    GongGateStatus now();
}
