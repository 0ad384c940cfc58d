package com.acme.privacy.gong;

/** Gong's data-privacy endpoints. Every parameter is a query parameter. */
public enum GongEndpoint {
    ERASE_EMAIL("POST", "/v2/data-privacy/erase-data-for-email-address", "emailAddress"),
    ERASE_PHONE("POST", "/v2/data-privacy/erase-data-for-phone-number", "phoneNumber"),
    DATA_FOR_EMAIL("GET", "/v2/data-privacy/data-for-email-address", "emailAddress"),
    DATA_FOR_PHONE("GET", "/v2/data-privacy/data-for-phone-number", "phoneNumber");

    private final String method;
    private final String path;
    private final String parameter;

    GongEndpoint(String method, String path, String parameter) {
        this.method = method;
        this.path = path;
        this.parameter = parameter;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    String parameter() {
        return parameter;
    }

    /** Whether it asks what Gong holds rather than erasing it. */
    public boolean isDataFor() {
        return this == DATA_FOR_EMAIL || this == DATA_FOR_PHONE;
    }

    /** The last path segment: a label for logs, metrics and the audit trail that carries no identifier. */
    public String label() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
