package com.acme.privacy.console;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.acme.privacy.callback.DeadLetters;

/** The callbacks no portal took within their retries; an ADMIN sends one again once its portal is back. */
@Controller
class DeadLetterController {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterController.class);
    /** Sending again is for ADMINs only. */
    static final String RESEND_PATHS = "/console/callbacks/*/resend";
    private static final int SHOWN = 200;

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/console/callbacks")
    String list(Model model) {
        model.addAttribute("letters", deadLetters.list(SHOWN));
        model.addAttribute("shown", SHOWN);
        return "console/callbacks";
    }

    @PostMapping("/console/callbacks/{publication}/resend")
    String resend(@PathVariable UUID publication, Authentication person, RedirectAttributes redirect) {
        deadLetters.resend(publication);
        log.info("Callback publication {} sent again by user:{}", publication, person.getName());
        redirect.addFlashAttribute("resent", publication);
        return "redirect:/console/callbacks";
    }
}
