package com.acme.privacy.console;

import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.acme.privacy.erasure.StatusTransitions;

/**
 * An ADMIN action in three steps, each a plain form: give a reason, confirm, done. Only the last POST changes
 * anything; the filter chain lets ADMINs alone reach any step, and every POST carries the CSRF token.
 */
@Controller
class ActionController {

    private static final String BASE = "/console/requests/{id}/actions/{action}";

    private final RequestRecords records;
    private final StatusTransitions transitions;

    ActionController(RequestRecords records, StatusTransitions transitions) {
        this.records = records;
        this.transitions = transitions;
    }

    @GetMapping(BASE)
    String reason(@PathVariable UUID id, @PathVariable String action, Model model) {
        return step(id, ConsoleAction.bySlug(action), new ActionReason(null), model, "console/action");
    }

    @PostMapping(BASE + "/review")
    String review(@PathVariable UUID id, @PathVariable String action, @Validated @ModelAttribute("form") ActionReason form,
                  BindingResult errors, Model model) {
        return step(id, ConsoleAction.bySlug(action), form, model, errors.hasErrors() ? "console/action" : "console/confirm");
    }

    @PostMapping(BASE)
    String perform(@PathVariable UUID id, @PathVariable String action, @Validated @ModelAttribute("form") ActionReason form,
                   BindingResult errors, Authentication authentication, Model model, RedirectAttributes redirect) {
        ConsoleAction chosen = ConsoleAction.bySlug(action);
        if (errors.hasErrors()) {
            return step(id, chosen, form, model, "console/action");
        }
        chosen.perform(transitions, id, SignedIn.caller(authentication).actor(), form.reason());
        redirect.addFlashAttribute("done", chosen.label() + ": done, and recorded in the audit trail.");
        return "redirect:/console/requests/" + id;
    }

    private String step(UUID id, ConsoleAction action, ActionReason form, Model model, String view) {
        model.addAttribute("request", records.read(id));
        model.addAttribute("action", action);
        model.addAttribute("form", form);
        return view;
    }
}
