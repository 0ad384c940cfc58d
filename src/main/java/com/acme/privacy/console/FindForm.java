package com.acme.privacy.console;

/**
 * What was typed into the search form; read only from a POST body.
 *
 * @param by one of {@code email}, {@code phone}, {@code reference}, {@code id}
 */
record FindForm(String by, String value) {

    @Override
    public String toString() {
        return "FindForm[" + by + "]";
    }
}
