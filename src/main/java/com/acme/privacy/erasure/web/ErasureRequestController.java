package com.acme.privacy.erasure.web;

import java.net.URI;
import java.util.UUID;

import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.web.SortDefault;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import com.acme.privacy.erasure.ErasureRequest;
import com.acme.privacy.erasure.ErasureRequestFilter;
import com.acme.privacy.erasure.ErasureRequestIntake;
import com.acme.privacy.erasure.ErasureRequestQueries;
import com.acme.privacy.erasure.RequestAccess;
import com.acme.privacy.erasure.StatusTransitions;
import com.acme.privacy.erasure.Submitted;
import com.acme.privacy.pii.EmailAddress;
import com.acme.privacy.pii.PhoneNumber;
import com.acme.privacy.security.Caller;
import com.acme.privacy.security.Role;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.json.JsonMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping(path = "/api/v1/erasure-requests", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Erasure requests")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "bearer")
class ErasureRequestController {

    private final ErasureRequestIntake intake;
    private final ErasureRequestQueries queries;
    private final ErasureRequestDetailsReader details;
    private final StatusTransitions transitions;
    private final ErasureRequestViews views;
    private final RequestAccess access;
    private final WindowCursor cursors;

    ErasureRequestController(ErasureRequestIntake intake, ErasureRequestQueries queries, ErasureRequestDetailsReader details,
                             StatusTransitions transitions, ErasureRequestViews views, RequestAccess access, JsonMapper json) {
        this.intake = intake;
        this.queries = queries;
        this.details = details;
        this.transitions = transitions;
        this.views = views;
        this.access = access;
        this.cursors = new WindowCursor(json);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submit an erasure request", responses = {
            @ApiResponse(responseCode = "202", description = "Stored; it will be sent to Gong"),
            @ApiResponse(responseCode = "200", description = "A retry under the same Idempotency-Key, or the subject already has an open request"),
            @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used before with a different body")})
    ResponseEntity<ErasureRequestView> submit(
            @AuthenticationPrincipal Caller caller,
            @Valid @RequestBody SubmitErasureRequestBody body,
            @RequestHeader(name = "Idempotency-Key", required = false)
            @Size(min = 1, max = 200) @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be printable ASCII") String idempotencyKey) {
        Submitted submitted = intake.submit(body.toSubmission(caller.source(), idempotencyKey), caller.actor());
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}")
                .buildAndExpand(submitted.request().getId()).toUri();
        HttpStatus status = submitted.outcome() == Submitted.Outcome.CREATED ? HttpStatus.ACCEPTED : HttpStatus.OK;
        return ResponseEntity.status(status).location(location).body(views.view(submitted.request(), caller));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A request with its Gong calls and its audit trail")
    ErasureRequestDetails get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return details.read(id, caller);
    }

    @PostMapping(path = "/search", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Every request for one subject that the caller may see, newest first, a window at a time")
    WindowView<ErasureRequestView> search(@AuthenticationPrincipal Caller caller, @Valid @RequestBody SubjectSearch search,
                                          @RequestParam(required = false) String cursor,
                                          @RequestParam(defaultValue = "50") @Min(1) @Max(ListQuery.MAX_PAGE_SIZE) int size) {
        Sort newestFirst = Sort.by(Sort.Direction.DESC, "createdAt");
        ScrollPosition position = cursors.decode(cursor, newestFirst);
        Window<ErasureRequest> found = search.email() != null
                ? queries.search(new EmailAddress(search.email()), access.onlySource(caller), size, position)
                : queries.search(new PhoneNumber(search.phoneNumber()), access.onlySource(caller), size, position);
        return window(found, newestFirst, size, caller);
    }

    @GetMapping
    @Operation(summary = "List requests by status, time range, source or overdue; sorted, a window at a time")
    WindowView<ErasureRequestView> list(@AuthenticationPrincipal Caller caller, ErasureRequestFilter filter,
                                        @RequestParam(required = false) String cursor,
                                        @RequestParam(defaultValue = "50") @Min(1) @Max(ListQuery.MAX_PAGE_SIZE) int size,
                                        @SortDefault(sort = "createdAt", direction = Sort.Direction.DESC) Sort sort,
                                        HttpServletRequest request) {
        ListQuery.rejectBlank(request.getParameterMap());
        ListQuery.rejectUnsortable(sort);
        ErasureRequestFilter scoped = caller.readsEverything() ? filter : filter.withSource(caller.source());
        return window(queries.list(scoped, sort, size, cursors.decode(cursor, sort)), sort, size, caller);
    }

    private WindowView<ErasureRequestView> window(Window<ErasureRequest> found, Sort sort, int size, Caller caller) {
        String next = found.hasNext() ? cursors.encode(sort, found.positionAt(found.size() - 1)) : null;
        return new WindowView<>(views.views(found.getContent(), caller), size, next);
    }

    @PostMapping("/{id}/retry")
    @Operation(summary = "Send a FAILED request again, with its attempts reset", responses = {
            @ApiResponse(responseCode = "200", description = "Back in the queue"),
            @ApiResponse(responseCode = "409", description = "Not FAILED, or the subject has another open request")})
    ErasureRequestView retry(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
                             @Valid @RequestBody(required = false) OperatorActionBody body) {
        return views.view(transitions.retry(id, caller.actor(), OperatorActionBody.reasonOr(body, "Retried by an operator")), caller);
    }

    @PostMapping(path = "/{id}/release", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Let a HELD request go to Gong, with the reason it may go now", responses = {
            @ApiResponse(responseCode = "200", description = "Back in the queue (after its notBefore, if any)"),
            @ApiResponse(responseCode = "404", description = "No such request among those the caller may release"),
            @ApiResponse(responseCode = "409", description = "Not HELD")})
    ErasureRequestView release(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, @Valid @RequestBody ReleaseBody body) {
        String onlySource = caller.roles().contains(Role.ADMIN) ? null : caller.source();
        return views.view(transitions.release(id, onlySource, caller.actor(), body.reason()), caller);
    }

    @PostMapping(path = "/{id}/extend", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Extend the deadline once, within the regulation's allowance", responses = {
            @ApiResponse(responseCode = "200", description = "Extended; dueAt is the new deadline, originalDueAt the old"),
            @ApiResponse(responseCode = "409", description = "Already extended, past its deadline, or finished")})
    ErasureRequestView extend(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, @Valid @RequestBody ExtensionBody body) {
        return views.view(transitions.extend(id, body.dueAt(), caller.actor(), body.reason()), caller);
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a request that has not been sent to Gong", responses = {
            @ApiResponse(responseCode = "200", description = "Cancelled"),
            @ApiResponse(responseCode = "409", description = "Already sent to Gong, or already finished")})
    ErasureRequestView cancel(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
                              @Valid @RequestBody(required = false) OperatorActionBody body) {
        return views.view(transitions.cancel(id, caller.actor(), OperatorActionBody.reasonOr(body, "Cancelled on request")), caller);
    }
}
