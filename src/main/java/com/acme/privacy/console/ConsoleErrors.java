package com.acme.privacy.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import com.acme.privacy.erasure.ErasureRequestNotFound;
import com.acme.privacy.erasure.TransitionNotAllowed;
import com.acme.privacy.evidence.AuditTrailBroken;
import com.acme.privacy.evidence.RequestNotFound;
import com.acme.privacy.web.RedactedFailure;

/**
 * Errors on console pages are pages, not problem+json; ahead of the API's handler, for console controllers only.
 * No exception text reaches a page: messages can carry input.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    @ExceptionHandler({ErasureRequestNotFound.class, RequestNotFound.class, UnknownPage.class,
            MethodArgumentTypeMismatchException.class})
    @ResponseStatus(HttpStatus.NOT_FOUND)
    ModelAndView notFound() {
        return notFoundPage();
    }

    private static ModelAndView notFoundPage() {
        return page("Not found", "There is nothing at this address.");
    }

    /** The request changed since the page was shown (the dispatcher claimed it, someone else acted). */
    @ExceptionHandler(TransitionNotAllowed.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    ModelAndView conflict(TransitionNotAllowed refused) {
        return page("Not possible any more", refused.getMessage());
    }

    /** A receipt for a trail that does not verify is refused; the reason names no identifier. */
    @ExceptionHandler(AuditTrailBroken.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    ModelAndView trailBroken(AuditTrailBroken refused) {
        return page("Not possible", refused.getMessage());
    }

    /** A refusal that carries its own problem, such as Spring's: its detail is written for callers. */
    @ExceptionHandler(ErrorResponseException.class)
    ModelAndView refused(ErrorResponseException refused) {
        ModelAndView page = refused.getStatusCode().value() == HttpStatus.NOT_FOUND.value() ? notFoundPage()
                : page("Not possible", refused.getBody().getDetail());
        page.setStatus(refused.getStatusCode());
        return page;
    }

    @ExceptionHandler(Exception.class)
    @ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
    ModelAndView unexpected(Exception ex) {
        log.error("Console page failed: {}", ex.getClass().getSimpleName(), RedactedFailure.of(ex));
        return page("Something went wrong", "The error has been logged. Try again, or go back to the overview.");
    }

    private static ModelAndView page(String title, String detail) {
        ModelAndView page = new ModelAndView("console/error");
        page.addObject("title", title);
        page.addObject("detail", detail);
        return page;
    }
}
