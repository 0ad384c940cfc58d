package com.acme.privacy.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.http.HttpStatus;
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

import com.acme.privacy.erasure.FieldRejected;
import com.acme.privacy.erasure.StatusTransitions;
import com.acme.privacy.erasure.TransitionNotAllowed;

import jakarta.servlet.http.HttpServletResponse;

/**
 * An ADMIN action in three steps, each a plain form: give a reason (and for an extension the new deadline), confirm,
 * done. Only the last POST changes anything; the filter chain lets ADMINs alone reach any step, and every POST carries
 * the CSRF token. When {@link StatusTransitions} refuses (the request changed meanwhile, the date is out of bounds),
 * the form comes back with its answer.
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
        RequestRecord request = records.read(id);
        ConsoleAction chosen = ConsoleAction.bySlug(action);
        // An extension offers the longest allowed, shown in the date field.
        String dueDate = chosen.extendsDeadline() && request.latestExtension() != null
                ? LocalDate.ofInstant(request.latestExtension(), ZoneOffset.UTC).toString() : null;
        return step(request, chosen, new ActionForm(null, dueDate), model, "console/action");
    }

    @PostMapping(BASE + "/review")
    String review(@PathVariable UUID id, @PathVariable String action, @Validated @ModelAttribute("form") ActionForm form,
                  BindingResult errors, Model model) {
        RequestRecord request = records.read(id);
        ConsoleAction chosen = ConsoleAction.bySlug(action);
        if (errors.hasErrors()) {
            return step(request, chosen, form, model, "console/action");
        }
        model.addAttribute("newDueAt", chosen.extendsDeadline() ? shownDeadline(request, form) : null);
        return step(request, chosen, form, model, "console/confirm");
    }

    @PostMapping(BASE)
    String perform(@PathVariable UUID id, @PathVariable String action, @Validated @ModelAttribute("form") ActionForm form,
                   BindingResult errors, Authentication authentication, Model model, RedirectAttributes redirect,
                   HttpServletResponse response) {
        RequestRecord request = records.read(id);
        ConsoleAction chosen = ConsoleAction.bySlug(action);
        if (errors.hasErrors()) {
            return step(request, chosen, form, model, "console/action");
        }
        Instant newDueAt = chosen.extendsDeadline() && request.latestExtension() != null
                ? form.deadline(request.dueAt(), request.latestExtension()) : null;
        try {
            chosen.perform(transitions, new ConsoleAction.Act(id, SignedIn.caller(authentication).actor(), form.reason(), newDueAt));
        } catch (TransitionNotAllowed refused) {
            return refused(id, chosen, form, HttpStatus.CONFLICT, refused, model, response);
        } catch (FieldRejected refused) {
            return refused(id, chosen, form, HttpStatus.BAD_REQUEST, refused, model, response);
        }
        redirect.addFlashAttribute("done", chosen.label() + ": done, and recorded in the audit trail.");
        return "redirect:/console/requests/" + id;
    }

    /** The form again, with the state as it is now and the service's answer, which names no identifier. */
    private String refused(UUID id, ConsoleAction action, ActionForm form, HttpStatus status, RuntimeException refusal,
                           Model model, HttpServletResponse response) {
        response.setStatus(status.value());
        model.addAttribute("refused", "Not done: " + refusal.getMessage() + ".");
        return step(records.read(id), action, form, model, "console/action");
    }

    private static Instant shownDeadline(RequestRecord request, ActionForm form) {
        if (request.latestExtension() == null) {
            return null;
        }
        Instant chosen = form.deadline(request.dueAt(), request.latestExtension());
        return chosen == null ? request.latestExtension() : chosen;
    }

    private static String step(RequestRecord request, ConsoleAction action, ActionForm form, Model model, String view) {
        model.addAttribute("request", request);
        model.addAttribute("action", action);
        model.addAttribute("form", form);
        return view;
    }
}
