package com.acme.privacy.console;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page shows in its header: who is signed in and whether they may act. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    record Person(String name, boolean admin) {
    }

    @ModelAttribute("person")
    Person person(Authentication authentication) {
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return new Person(authentication.getName(), SignedIn.isAdmin(authentication));
    }
}
