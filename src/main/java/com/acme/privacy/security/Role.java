package com.acme.privacy.security;

/** What a caller may do; ADMIN includes VIEWER. */
public enum Role {
    /** Creates requests and reads the requests it submitted. */
    SUBMITTER,
    /** Reads, searches and lists everything, audit trails included. */
    VIEWER,
    /** Everything a VIEWER may, plus cancel and retry. */
    ADMIN;

    String authority() {
        return "ROLE_" + name();
    }
}
