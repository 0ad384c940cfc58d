package com.acme.privacy.security;

/** What a caller may do; ADMIN includes VIEWER. */
public enum Role {
    /** Creates requests and reads the requests it submitted. */
    SUBMITTER,
    /** Reads, searches and lists everything, audit trails included. */
    VIEWER,
    /** Everything a VIEWER may, plus cancel and retry. */
    ADMIN,
    /** Asks the suppression list whether a subject asked to be erased (CRM and mail teams); nothing else. */
    SUPPRESSION_CHECK;

    String authority() {
        return "ROLE_" + name();
    }
}
