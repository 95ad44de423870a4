package io.github.dynamodbstream.spring.support;

import io.github.dynamodbstream.spring.event.ItemChangeEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;

/**
 * A listener of every change of every stream, keeping them in arrival order: for tests about something else than
 * the listeners, since the starter refuses to start streams that no listener hears.
 */
public class EveryChange {

    private final List<ItemChangeEvent<?>> changes = new CopyOnWriteArrayList<>();

    @EventListener
    void on(ItemChangeEvent<?> change) {
        changes.add(change);
    }

    /** The changes heard so far. */
    public List<ItemChangeEvent<?>> changes() {
        return List.copyOf(changes);
    }
}
