package io.github.dynamodbstream.spring.listener;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.context.event.GenericApplicationListenerAdapter;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.ResolvableType;

/**
 * The listeners of an application context that Spring's event multicaster delivers events to: the
 * {@code @EventListener} methods and other listeners added to the context, and the {@code ApplicationListener}
 * beans. Listeners of every event (of {@code ApplicationEvent} or {@code Object}) are left out: they are the
 * framework's, or loggers, and do not handle changes.
 */
final class ApplicationListeners {

    private static final ResolvableType ANY_EVENT = ResolvableType.forClass(AnyEvent.class);

    private ApplicationListeners() {
    }

    static List<ObservedListener> of(ApplicationContext context) {
        Asynchrony asynchrony = new Asynchrony(context);
        Set<ApplicationListener<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<ObservedListener> found = new ArrayList<>();
        if (context instanceof AbstractApplicationContext abstractContext) {
            for (ApplicationListener<?> listener : abstractContext.getApplicationListeners()) {
                if (seen.add(listener)) {
                    found.add(observe(listener, null, asynchrony));
                }
            }
        }
        if (context instanceof ConfigurableApplicationContext configurable) {
            ConfigurableListableBeanFactory beans = configurable.getBeanFactory();
            for (String name : beans.getBeanNamesForType(ApplicationListener.class, true, false)) {
                if (beans.isSingleton(name) && beans.getBean(name) instanceof ApplicationListener<?> listener
                        && seen.add(listener)) {
                    found.add(observe(listener, name, asynchrony));
                }
            }
        }
        return found.stream().filter(listener -> !listener.listener().supportsEventType(ANY_EVENT)).toList();
    }

    private static ObservedListener observe(ApplicationListener<?> listener, String beanName, Asynchrony asynchrony) {
        if (listener instanceof ApplicationListenerMethodAdapter adapter) {
            Method method = adapter.getTargetMethod();
            return new ObservedListener(describe(method), adapter,
                    asynchrony.reason(listener, method.getDeclaringClass(), method));
        }
        Class<?> type = AopUtils.getTargetClass(listener);
        GenericApplicationListener generic = listener instanceof GenericApplicationListener own ? own
                : new GenericApplicationListenerAdapter(listener);
        String description = (beanName == null ? "" : "bean '" + beanName + "' ") + type.getName();
        return new ObservedListener(description, generic, asynchrony.reason(listener, type, null));
    }

    private static String describe(Method method) {
        String parameters = IntStream.range(0, method.getParameterCount())
                .mapToObj(index -> ResolvableType.forMethodParameter(method, index).toString())
                .collect(Collectors.joining(", "));
        return method.getDeclaringClass().getName() + "." + method.getName() + "(" + parameters + ")";
    }

    /** An event no listener of the streams' events declares, which only listeners of every event receive. */
    private static final class AnyEvent extends ApplicationEvent {

        private AnyEvent(Object source) {
            super(source);
        }
    }
}
