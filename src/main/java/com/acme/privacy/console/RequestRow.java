package com.acme.privacy.console;

import java.time.Instant;
import java.util.UUID;

/** One request in a list: identifiers already masked. */
record RequestRow(UUID id, String status, String email, String phone, String regulation, String source,
                  String externalReference, Instant receivedAt, Instant dueAt) {
}
