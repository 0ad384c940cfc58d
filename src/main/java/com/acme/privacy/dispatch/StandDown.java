package com.acme.privacy.dispatch;

/** Why a replica that could dispatch stands back; shown by the dispatcher health component and metric. */
enum StandDown {
    /** A round made no progress; the lead went to another replica. */
    STALLED("a dispatch round made no progress; the lead was given up"),
    /** A request is sealed under a key id this replica lacks; another replica may have it. */
    MISSING_KEY("a request needs a decryption key this replica lacks"),
    /** Advisory locks cannot hold behind a transaction-pooling proxy. */
    TRANSACTION_POOLING(DispatchLeadership.POOLING_REFUSAL);

    private final String description;

    StandDown(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
