package com.acme.privacy.erasure.web;

import java.util.Map;
import java.util.Set;

import org.springframework.data.domain.Sort;

import com.acme.privacy.erasure.FieldRejected;

/**
 * The list endpoint's query, checked before it reaches the database. A window size out of range is refused rather
 * than clamped, so a caller never gets a window it did not ask for; a parameter sent blank is refused rather than read
 * as absent, which would silently widen the result.
 */
final class ListQuery {

    static final int MAX_PAGE_SIZE = 200;
    private static final Set<String> SORTABLE = Set.of("createdAt", "receivedAt", "dueAt", "updatedAt", "status");

    private ListQuery() {
    }

    static void rejectBlank(Map<String, String[]> parameters) {
        parameters.forEach((name, values) -> {
            for (String value : values) {
                if (value.isBlank()) {
                    throw new FieldRejected(name, "must not be blank");
                }
            }
        });
    }

    static void rejectUnsortable(Sort sort) {
        for (Sort.Order order : sort) {
            if (!SORTABLE.contains(order.getProperty())) {
                throw new FieldRejected("sort", "cannot sort by '" + order.getProperty() + "'; sortable: "
                        + String.join(", ", SORTABLE.stream().sorted().toList()));
            }
        }
    }
}
