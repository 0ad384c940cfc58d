package com.acme.privacy.console;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.acme.privacy.erasure.ErasureRequestNotFound;
import com.acme.privacy.erasure.ErasureRequestQueries;
import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.PhoneNumber;
import com.acme.privacy.pii.ProtectedIdentifiers;

import jakarta.servlet.http.HttpSession;

/**
 * Find requests by email address, phone number, external reference or request id. The identifier arrives in a POST
 * body and is not echoed back: the form comes back empty and the results name the subject masked.
 */
@Controller
class FindController {

    private static final int MAX_REFERENCE = 200;

    private final RequestLists lists;
    private final ErasureRequestQueries queries;
    private final ProtectedIdentifiers identifiers;

    FindController(RequestLists lists, ErasureRequestQueries queries, ProtectedIdentifiers identifiers) {
        this.lists = lists;
        this.queries = queries;
        this.identifiers = identifiers;
    }

    @GetMapping("/console/find")
    String find(@RequestParam(defaultValue = "0") int page, HttpSession session, Model model) {
        if (session.getAttribute(FindCriterion.SESSION_KEY) instanceof FindCriterion criterion) {
            model.addAttribute("criterion", criterion);
            model.addAttribute("results", lists.page(criterion.condition(), criterion.params(), "created_at DESC", Math.max(page, 0)));
        }
        return "console/find";
    }

    @PostMapping("/console/find")
    String search(@ModelAttribute FindForm form, HttpSession session, Model model) {
        String value = form.value() == null ? "" : form.value().strip();
        String by = form.by() == null ? "email" : form.by();
        model.addAttribute("by", by);
        if (value.isEmpty()) {
            return refused(model, "Enter what to search for.");
        }
        FindCriterion criterion;
        try {
            criterion = switch (by) {
                case "email" -> FindCriterion.email(new EmailAddress(value), identifiers);
                case "phone" -> FindCriterion.phone(new PhoneNumber(value), identifiers);
                case "reference" -> value.length() <= MAX_REFERENCE ? FindCriterion.reference(value) : null;
                case "id" -> null;
                default -> throw new UnknownPage();
            };
        } catch (IllegalArgumentException invalid) {
            return refused(model, "phone".equals(by)
                    ? "That is not a phone number in international form, such as +4915112345678."
                    : "That is not an email address.");
        }
        if ("id".equals(by)) {
            return byId(value, model);
        }
        if (criterion == null) {
            return refused(model, "An external reference has at most " + MAX_REFERENCE + " characters.");
        }
        session.setAttribute(FindCriterion.SESSION_KEY, criterion);
        return "redirect:/console/find";
    }

    private String byId(String value, Model model) {
        try {
            UUID id = UUID.fromString(value);
            queries.get(id);
            return "redirect:/console/requests/" + id;
        } catch (IllegalArgumentException notAnId) {
            return refused(model, "A request id looks like 0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.");
        } catch (ErasureRequestNotFound notFound) {
            return refused(model, "There is no request with that id.");
        }
    }

    private static String refused(Model model, String error) {
        model.addAttribute("error", error);
        return "console/find";
    }
}
