package io.github.dynamodbstream.spring.listener;

import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.spring.ListenerMode;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.event.ItemChangeEvent;
import io.github.dynamodbstream.spring.event.ItemChangesEvent;
import io.github.dynamodbstream.spring.event.ItemInsertedEvent;
import io.github.dynamodbstream.spring.event.ItemModifiedEvent;
import io.github.dynamodbstream.spring.event.ItemRemovedEvent;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.core.ResolvableType;

/**
 * The change events one stream publishes, typed with its item type as Spring matches them against listeners: one
 * event type per change type in record mode, {@code ItemChangesEvent<T>} for every change type in batch mode. The
 * start-up check finds the listeners of these types, and the publisher gives its events these types, resolved once.
 */
public final class ChangeEvents {

    private final StreamDefinition stream;
    private final Map<ChangeType, ResolvableType> byChangeType = new EnumMap<>(ChangeType.class);
    private final Map<ChangeType, ResolvableType> changes = new EnumMap<>(ChangeType.class);

    /** @param stream the stream, with its item type and listener mode */
    public ChangeEvents(StreamDefinition stream) {
        this.stream = stream;
        ResolvableType item = stream.itemConverter().itemType();
        ResolvableType batch = ResolvableType.forClassWithGenerics(ItemChangesEvent.class, item);
        for (ChangeType type : ChangeType.values()) {
            changes.put(type, ResolvableType.forClassWithGenerics(eventClass(type), item));
            byChangeType.put(type, stream.listenerMode() == ListenerMode.BATCH ? batch : changes.get(type));
        }
    }

    private static Class<?> eventClass(ChangeType type) {
        return switch (type) {
            case INSERT -> ItemInsertedEvent.class;
            case MODIFY -> ItemModifiedEvent.class;
            case REMOVE -> ItemRemovedEvent.class;
        };
    }

    /** The event a change of this type is published as. */
    public ResolvableType of(ChangeType type) {
        return byChangeType.get(type);
    }

    /** The event of one change of this type, for example {@code ItemInsertedEvent<Order>}, in either mode. */
    public ResolvableType change(ChangeType type) {
        return changes.get(type);
    }

    /** The event types, each once, in change-type order. */
    String describe() {
        return String.join(", ", byChangeType.values().stream().map(ResolvableType::toString).distinct().toList());
    }

    /** Listener signatures that would receive the events, to suggest in an error. */
    String signatures() {
        if (stream.listenerMode() == ListenerMode.BATCH) {
            return "@EventListener void on(" + of(ChangeType.INSERT) + " changes)";
        }
        return "@EventListener void on("
                + ResolvableType.forClassWithGenerics(ItemChangeEvent.class, stream.itemConverter().itemType())
                + " event) for every change, or @EventListener void on(" + of(ChangeType.INSERT)
                + " event) for one change type";
    }

    /** The event classes without their item type, to find listeners that expect another item type. */
    ResolvableType raw(ChangeType type) {
        return ResolvableType.forClass(of(type).toClass());
    }
}
