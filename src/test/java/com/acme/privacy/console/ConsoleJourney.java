package com.acme.privacy.console;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.acme.privacy.testsupport.Api;
import com.acme.privacy.testsupport.LocalConsoleSignIn;

/**
 * What the console's journeys share: the running service, its API, a browser without JavaScript signed in locally,
 * and the rule that no identifier a test submitted may appear in any page, file, header or address, in any form.
 */
abstract class ConsoleJourney {

    @LocalServerPort
    int port;

    @Autowired
    LocalConsoleSignIn.Users users;

    Api api;
    ConsoleClient console;
    /** Every identifier a test submitted. */
    final List<String> identifiers = new ArrayList<>();

    @BeforeEach
    void openConsole() {
        api = new Api(port);
        console = new ConsoleClient(port);
    }

    @AfterEach
    void noPageShowedAnIdentifier() {
        try {
            console.assertNeverShowed(identifiers);
        } finally {
            console.close();
        }
    }
}
