package io.github.dynamodbstream.spring.listener;

import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.spring.DynamoDbStreamProperties;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.StreamDefinitions;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
import io.github.dynamodbstream.spring.event.EventPublishingStreamListener;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;

/**
 * Checks, each time the streams start, that the application hears the changes it is about to acknowledge. For
 * each stream, against the listeners Spring would deliver its change events to (generics resolved, so that
 * {@code ItemInsertedEvent<LocalDate>} does not count for a stream of {@code Order}s):
 * <ul>
 * <li>when no listener receives any of its change events and no feed (a table replica) follows it, the start fails,
 * naming the stream, the events it publishes and the signatures that would receive them;</li>
 * <li>when a listener of its change events runs asynchronously ({@code @Async}, {@code @TransactionalEventListener},
 * an event multicaster with a task executor), the start fails, since the checkpoint would move before the work is
 * done; {@code dynamodb.stream.allow-asynchronous-listeners=true} turns this into a warning;</li>
 * <li>the change types no listener receives are logged once; their changes are acknowledged without being mapped or
 * published, and counted ({@link #unheardChanges(String)}); the counts are logged when the streams stop
 * ({@link #reportUnheardChanges()}).</li>
 * </ul>
 */
public class DynamoDbStreamListenerCheck {

    private static final Logger log = LoggerFactory.getLogger(DynamoDbStreamListenerCheck.class);
    private static final String ALLOW_ASYNCHRONOUS = DynamoDbStreamProperties.PREFIX
            + ".allow-asynchronous-listeners";

    private final ApplicationContext context;
    private final StreamDefinitions streams;
    private final Predicate<StreamDefinition> fed;
    private final boolean allowAsynchronousListeners;
    private volatile Map<String, UnheardChanges> unheard = Map.of();

    /**
     * @param context the application, whose listeners are checked
     * @param streams the streams that will publish
     * @param fed whether something besides the listeners follows a stream (a table replica)
     * @param allowAsynchronousListeners whether an asynchronous listener is only warned about
     */
    public DynamoDbStreamListenerCheck(ApplicationContext context, StreamDefinitions streams,
            Predicate<StreamDefinition> fed, boolean allowAsynchronousListeners) {
        this.context = Objects.requireNonNull(context, "context");
        this.streams = Objects.requireNonNull(streams, "streams");
        this.fed = Objects.requireNonNull(fed, "fed");
        this.allowAsynchronousListeners = allowAsynchronousListeners;
    }

    /**
     * Checks every stream against the application's listeners as they are now.
     *
     * @throws DynamoDbStreamConfigurationException when a stream's changes would be acknowledged unheard: no
     *         listener receives them, or one runs asynchronously
     */
    public void verify() {
        List<ObservedListener> listeners = ApplicationListeners.of(context);
        Map<String, UnheardChanges> found = new LinkedHashMap<>();
        for (StreamDefinition stream : streams) {
            found.put(stream.name(), verify(stream, listeners));
        }
        unheard = found;
    }

    private UnheardChanges verify(StreamDefinition stream, List<ObservedListener> listeners) {
        ChangeEvents events = new ChangeEvents(stream);
        Set<ChangeType> unheardTypes = EnumSet.noneOf(ChangeType.class);
        Map<String, String> asynchronous = new LinkedHashMap<>();
        for (ChangeType type : ChangeType.values()) {
            List<ObservedListener> receiving = listeners.stream()
                    .filter(listener -> listener.receives(events.of(type), EventPublishingStreamListener.class))
                    .toList();
            if (receiving.isEmpty()) {
                unheardTypes.add(type);
            }
            receiving.stream().filter(listener -> listener.asynchrony() != null)
                    .forEach(listener -> asynchronous.put(listener.description(), listener.asynchrony()));
        }
        if (unheardTypes.size() == ChangeType.values().length && !fed.test(stream)) {
            throw new DynamoDbStreamConfigurationException(nobodyListens(stream, events, listeners),
                    "Add a listener of the stream's events, for example " + events.signatures()
                            + ". Spring matches the item type too: it must be the stream's (item-type).");
        }
        if (!asynchronous.isEmpty()) {
            refuseOrWarn(stream, asynchronous);
        }
        if (!unheardTypes.isEmpty()) {
            log.info("No listener receives the {} changes of stream '{}' ({}): they are acknowledged without being"
                    + " published, and counted", unheardTypes, stream.name(),
                    unheardTypes.stream().map(events::of).map(Object::toString).collect(Collectors.joining(", ")));
            return UnheardChanges.of(stream.name(), unheardTypes);
        }
        return UnheardChanges.none(stream.name());
    }

    private static String nobodyListens(StreamDefinition stream, ChangeEvents events,
            List<ObservedListener> listeners) {
        String problem = "Stream '" + stream.name() + "' (table " + stream.tableName() + ") publishes "
                + events.describe() + ", but no listener of the application receives any of them: its changes"
                + " would be acknowledged without being handled.";
        List<String> otherItemTypes = listeners.stream()
                .filter(listener -> EnumSet.allOf(ChangeType.class).stream()
                        .anyMatch(type -> listener.receives(events.raw(type), EventPublishingStreamListener.class)))
                .map(ObservedListener::description)
                .toList();
        if (otherItemTypes.isEmpty()) {
            return problem;
        }
        return problem + " These listeners receive such events of another item type: "
                + String.join(", ", otherItemTypes) + ".";
    }

    private void refuseOrWarn(StreamDefinition stream, Map<String, String> asynchronous) {
        String listed = asynchronous.entrySet().stream()
                .map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
                .collect(Collectors.joining("; "));
        if (allowAsynchronousListeners) {
            log.warn("Listeners of stream '{}' run asynchronously, which {} allows: {}. A change is checkpointed"
                    + " before such a listener is done with it; a crash in between loses it.", stream.name(),
                    ALLOW_ASYNCHRONOUS, listed);
            return;
        }
        throw new DynamoDbStreamConfigurationException("Listeners of stream '" + stream.name()
                + "' run asynchronously: " + listed + ". The poller checkpoints a change once its listeners"
                + " return, so a change such a listener has not handled yet would be lost in a crash.",
                "Make the listeners synchronous (remove @Async, use @EventListener instead of"
                        + " @TransactionalEventListener, or give the event multicaster no task executor) and hand"
                        + " work to other threads inside the listener only once it is durable; or set "
                        + ALLOW_ASYNCHRONOUS + "=true to accept that changes may be lost.");
    }

    /**
     * The change types of a stream no listener receives, as found by the last {@link #verify()}, with their
     * counts; nothing unheard before the first check.
     */
    public UnheardChanges unheardChanges(String streamName) {
        UnheardChanges changes = unheard.get(streamName);
        return changes == null ? UnheardChanges.none(streamName) : changes;
    }

    /** Logs, per stream, how many changes of each type were acknowledged without being published. */
    public void reportUnheardChanges() {
        for (UnheardChanges changes : unheard.values()) {
            for (ChangeType type : changes.types()) {
                log.info("Stream '{}' acknowledged {} {} change(s) without publishing them: no listener receives"
                        + " them", changes.streamName(), changes.count(type), type);
            }
        }
    }
}
