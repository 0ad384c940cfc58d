package com.acme.privacy.erasure;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the data subject was told. Written in lower case, in the API and in storage. */
public enum ResponseChannel {
    @JsonProperty("email") EMAIL,
    @JsonProperty("letter") LETTER,
    @JsonProperty("portal") PORTAL;

    /** The name as the API and the {@code subject_response} table write it. */
    public String stored() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ResponseChannel fromStored(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
