package io.github.dynamodbstream.spring.listener;

import java.lang.reflect.Method;
import java.util.concurrent.Executor;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.config.TaskManagementConfigUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Tells whether a listener runs apart from the thread that publishes the event: {@code @Async} (when async
 * execution is enabled), {@code @TransactionalEventListener}, or an event multicaster with a task executor.
 */
final class Asynchrony {

    private static final String TRANSACTIONAL_EVENT_LISTENER =
            "org.springframework.transaction.event.TransactionalEventListener";

    private final boolean asyncEnabled;
    private final boolean multicasterHasExecutor;

    Asynchrony(ApplicationContext context) {
        this.asyncEnabled = context.containsBean(TaskManagementConfigUtils.ASYNC_ANNOTATION_PROCESSOR_BEAN_NAME);
        this.multicasterHasExecutor = hasExecutor(context);
    }

    private static boolean hasExecutor(ApplicationContext context) {
        String name = AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME;
        if (!context.containsBean(name)
                || !(context.getBean(name) instanceof SimpleApplicationEventMulticaster multicaster)) {
            return false;
        }
        Method getter = ReflectionUtils.findMethod(multicaster.getClass(), "getTaskExecutor");
        if (getter == null) {
            return false;
        }
        ReflectionUtils.makeAccessible(getter);
        return ReflectionUtils.invokeMethod(getter, multicaster) instanceof Executor;
    }

    /**
     * Why the listener runs apart from the publishing thread, or {@code null} when it runs on it.
     *
     * @param listener the listener
     * @param type the listener's class, without proxies
     * @param method the {@code @EventListener} method, or {@code null} for an {@code ApplicationListener}
     */
    String reason(ApplicationListener<?> listener, Class<?> type, Method method) {
        if (method != null && MergedAnnotations.from(method).isPresent(TRANSACTIONAL_EVENT_LISTENER)) {
            return "it is a @TransactionalEventListener: it runs in a phase of a transaction, and the streams publish"
                    + " outside any transaction, so it runs after the checkpoint moved or never";
        }
        if (asyncEnabled && (AnnotatedElementUtils.hasAnnotation(type, Async.class)
                || method != null && AnnotatedElementUtils.hasAnnotation(method, Async.class))) {
            return "it is @Async: it runs on another thread while the poller checkpoints and goes on";
        }
        if (multicasterHasExecutor && listener.supportsAsyncExecution()) {
            return "the application's " + AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME
                    + " has a task executor: every listener runs on it while the poller checkpoints and goes on";
        }
        return null;
    }
}
