package com.acme.privacy.console;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The sign-in page (SSO, plus the password form of local runs) and the page for refused access. */
@Controller
class SignInController {

    record Provider(String name, String path) {
    }

    private final List<Provider> providers = new ArrayList<>();
    private final boolean localSignIn;

    SignInController(ObjectProvider<ClientRegistrationRepository> sso, ObjectProvider<LocalSignIn> local) {
        if (sso.getIfAvailable() instanceof Iterable<?> registrations) {
            for (Object registration : registrations) {
                ClientRegistration client = (ClientRegistration) registration;
                providers.add(new Provider(client.getClientName(), "/oauth2/authorization/" + client.getRegistrationId()));
            }
        }
        this.localSignIn = local.getIfAvailable() != null;
    }

    @GetMapping(ConsoleSecurityConfiguration.SIGN_IN)
    String signIn(Model model) {
        model.addAttribute("providers", providers);
        model.addAttribute("localSignIn", localSignIn);
        return "console/sign-in";
    }

    /** Says only that access was refused: not what is behind the address, nor whether it exists. */
    @RequestMapping(ConsoleSecurityConfiguration.DENIED)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String denied() {
        return "console/denied";
    }
}
