package io.github.dynamodbstream.spring.listener;

import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * One listener of the application as the check sees it.
 *
 * @param description how to name it to the user: its method, or its bean and class
 * @param listener answers which events it receives, as Spring's event multicaster asks
 * @param asynchrony why it runs apart from the thread that publishes the event, or {@code null} when it runs on it
 */
record ObservedListener(String description, GenericApplicationListener listener, String asynchrony) {

    /** Whether Spring delivers an event of this type, published by this source, to the listener. */
    boolean receives(ResolvableType eventType, Class<?> sourceType) {
        return listener.supportsEventType(eventType) && listener.supportsSourceType(sourceType);
    }
}
