package com.acme.privacy.web;

import static com.acme.privacy.web.InvalidRequest.fieldError;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error becomes RFC 9457 problem+json with a useful detail and never a stack trace, SQL or class name.
 * Exception messages are not copied into responses: parser messages can quote the body, which holds identifiers.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getAllErrors().stream()
                .map(error -> error instanceof FieldError field
                        ? fieldError(field.getField(), field.isBindingFailure() ? bindingFailure(field) : field.getDefaultMessage())
                        : fieldError(error.getObjectName(), error.getDefaultMessage()))
                .toList();
        return invalid(ex, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result instanceof ParameterErrors body
                        ? body.getFieldErrors().stream().map(error -> fieldError(error.getField(), error.getDefaultMessage()))
                        : result.getResolvableErrors().stream().map(error -> fieldError(
                                parameterName(result.getMethodParameter().getParameterName(),
                                        result.getMethodParameter().getParameterAnnotations()),
                                error.getDefaultMessage())))
                .toList();
        return invalid(ex, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (cause(ex, PayloadTooLarge.class) instanceof PayloadTooLarge tooLarge) {
            ProblemDetail problem = RequestBodyLimit.tooLarge(tooLarge.limit());
            return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        if (cause(ex, DatabindException.class) instanceof DatabindException bind && !bind.getPath().isEmpty()) {
            String field = bind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return invalid(ex, List.of(fieldError(field, describe(bind))), headers, request);
        }
        String repeated = repeatedField(ex);
        if (repeated != null) {
            return invalid(ex, List.of(fieldError(repeated, "is given more than once")), headers, request);
        }
        String detail = ex.getHttpInputMessage() != null && isEmptyBody(ex)
                ? "A JSON body is required" : "The body is not well-formed JSON";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Malformed request body");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** A query parameter or path variable that does not convert, e.g. {@code page=abc} or an id that is no UUID. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status,
                                                        WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException argument ? argument.getName() : ex.getPropertyName();
        return invalid(ex, List.of(fieldError(name, expected(ex.getRequiredType()))), headers, request);
    }

    @ExceptionHandler({ConcurrencyFailureException.class, DataIntegrityViolationException.class})
    ResponseEntity<ProblemDetail> concurrentChange(Exception ex) {
        log.info("Concurrent change refused: {}", ex.getClass().getSimpleName());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The request collided with a concurrent change; retry it");
        problem.setTitle("Concurrent change");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        if (DatabaseFailures.isUnavailable(ex)) {
            return databaseUnavailable(ex);
        }
        log.error("Unexpected error: {}", ex.getClass().getSimpleName(), RedactedFailure.of(ex));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; it has been logged");
        problem.setTitle("Internal error");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
    }

    private static ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
        log.warn("Database unavailable: {}", ex.getClass().getSimpleName());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The request store is unavailable; nothing was stored. Retry later.");
        problem.setTitle("Service unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }

    private ResponseEntity<Object> invalid(Exception ex, List<Map<String, String>> errors, HttpHeaders headers,
                                           WebRequest request) {
        return handleExceptionInternal(ex, InvalidRequest.fields(errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Spring's own message names Java types and repeats the value; say what is expected instead. */
    private static String bindingFailure(FieldError error) {
        return error.contains(TypeMismatchException.class)
                ? expected(error.unwrap(TypeMismatchException.class).getRequiredType()) : "has an invalid value";
    }

    private static String describe(DatabindException ex) {
        if (ex instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        return expected(ex instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null);
    }

    /** What a value of {@code type} must look like, in the caller's terms rather than Java's. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "has an invalid value";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (type == Instant.class) {
            return "must be an ISO-8601 instant such as 2026-11-01T09:30:00Z";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == Integer.class || type == int.class) {
            return "must be a whole number";
        }
        return "has an invalid value";
    }

    /** The field a body names twice; the parser stops right at its second occurrence. */
    private static String repeatedField(Throwable ex) {
        return cause(ex, StreamReadException.class) instanceof StreamReadException read && read.processor() != null
                && read.getOriginalMessage() != null && read.getOriginalMessage().startsWith("Duplicate ")
                ? read.processor().streamReadContext().currentName() : null;
    }

    private static String parameterName(String name, Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof RequestHeader header) {
                return !header.name().isEmpty() ? header.name() : header.value();
            }
        }
        return name;
    }

    private static boolean isEmptyBody(HttpMessageNotReadableException ex) {
        String message = ex.getMessage();
        return message != null && message.startsWith("Required request body is missing");
    }

    private static Throwable cause(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
