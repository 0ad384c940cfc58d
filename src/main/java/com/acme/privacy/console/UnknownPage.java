package com.acme.privacy.console;

/** A console address that names no list, action or request kind. */
class UnknownPage extends RuntimeException {

    UnknownPage() {
        super("No such console page");
    }
}
