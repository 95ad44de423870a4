package io.github.dynamodbstream.spring.event;

import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.listener.UnheardChanges;
import io.github.dynamodbstream.spring.observation.DeliveryObservations;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Builds the {@link EventPublishingStreamListener} of each stream, at each start of the streams, for both
 * coordination modes: with the application's event publisher, the stream's change types no listener receives (as
 * the start-up check found them) and the delivery observations.
 */
public final class EventPublishingStreamListeners {

    private final ApplicationEventPublisher publisher;
    private final Function<String, UnheardChanges> unheardChanges;
    private final DeliveryObservations observations;

    /**
     * @param publisher where the events go
     * @param unheardChanges the change types of a stream, by name, that no listener receives
     * @param observations observes each delivery of changes
     */
    public EventPublishingStreamListeners(ApplicationEventPublisher publisher,
            Function<String, UnheardChanges> unheardChanges, DeliveryObservations observations) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.unheardChanges = Objects.requireNonNull(unheardChanges, "unheardChanges");
        this.observations = Objects.requireNonNull(observations, "observations");
    }

    /** The listener that publishes this stream's events. */
    public EventPublishingStreamListener listenerFor(StreamDefinition stream) {
        return new EventPublishingStreamListener(stream, publisher, unheardChanges.apply(stream.name()),
                observations);
    }
}
