package com.acme.privacy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.AsyncConfigurer;

/**
 * A failure of an asynchronous listener (a portal callback, say) is logged by its kind only: its message may come from
 * a remote system, and the listener has logged what it knows. The event stays incomplete and is retried.
 */
@Configuration(proxyBeanMethods = false)
class AsyncFailures implements AsyncConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AsyncFailures.class);

    @Override
    public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
        return (failure, method, arguments) -> log.debug("{}.{} failed: {}", method.getDeclaringClass().getSimpleName(),
                method.getName(), failure.getClass().getSimpleName());
    }
}
