package com.acme.privacy.console;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

@Controller
class RequestController {

    private final RequestRecords records;

    RequestController(RequestRecords records) {
        this.records = records;
    }

    @GetMapping("/console/requests/{id}")
    String request(@PathVariable UUID id, Model model) {
        model.addAttribute("request", records.read(id));
        return "console/request";
    }
}
