package com.acme.privacy.quota;

import java.util.Locale;

/** The two limits on a caller's submissions. */
enum Quota {
    RATE, DAILY;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
