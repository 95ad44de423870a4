package io.github.dynamodbstream.spring.listener;

import io.github.dynamodbstream.core.ChangeType;
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
 * event type per change type in record mode, {@code ItemChangesEvent<T>} for every change type in batch mode.
 */
final class ChangeEvents {

    private final StreamDefinition stream;
    private final Map<ChangeType, ResolvableType> byChangeType = new EnumMap<>(ChangeType.class);

    ChangeEvents(StreamDefinition stream) {
        this.stream = stream;
        ResolvableType item = stream.itemConverter().itemType();
        for (ChangeType type : ChangeType.values()) {
            byChangeType.put(type, stream.listenerMode() == ListenerMode.BATCH
                    ? ResolvableType.forClassWithGenerics(ItemChangesEvent.class, item)
                    : ResolvableType.forClassWithGenerics(eventClass(type), item));
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
    ResolvableType of(ChangeType type) {
        return byChangeType.get(type);
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
