package com.acme.privacy.console;

import java.sql.Timestamp;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class WorklistController {

    private final RequestLists lists;
    private final ConsoleTimes times;

    WorklistController(RequestLists lists, ConsoleTimes times) {
        this.lists = lists;
        this.times = times;
    }

    @GetMapping("/console/worklists")
    String index(Model model) {
        model.addAttribute("worklists", Worklist.values());
        return "console/worklists";
    }

    /** Sorted by {@code dueAt}, most urgent first unless {@code order=desc}. */
    @GetMapping("/console/worklists/{slug}")
    String list(@PathVariable String slug, @RequestParam(defaultValue = "asc") String order,
                @RequestParam(defaultValue = "0") int page, Model model) {
        Worklist worklist = Worklist.bySlug(slug);
        if (worklist == null) {
            throw new UnknownPage();
        }
        boolean descending = "desc".equals(order);
        model.addAttribute("worklists", Worklist.values());
        model.addAttribute("worklist", worklist);
        model.addAttribute("descending", descending);
        model.addAttribute("results", lists.page(worklist.condition(), Map.of("now", Timestamp.from(times.now())),
                descending ? "due_at DESC" : "due_at ASC", Math.max(page, 0)));
        return "console/worklist";
    }
}
