package io.github.dynamodbstream.spring.listener;

import io.github.dynamodbstream.core.record.ChangeType;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The change types of one stream that no listener of the application receives, and how many changes of each were
 * acknowledged without being published. Such changes are neither mapped nor published: the poller checkpoints them
 * as it does a filtered record. Thread-safe.
 */
public final class UnheardChanges {

    private final String streamName;
    private final Set<ChangeType> unheard;
    private final Map<ChangeType, LongAdder> skipped = new EnumMap<>(ChangeType.class);

    private UnheardChanges(String streamName, Set<ChangeType> unheard) {
        this.streamName = Objects.requireNonNull(streamName, "streamName");
        this.unheard = unheard.isEmpty() ? EnumSet.noneOf(ChangeType.class) : EnumSet.copyOf(unheard);
        this.unheard.forEach(type -> skipped.put(type, new LongAdder()));
    }

    /** Every change type of the stream is heard: nothing is skipped. */
    public static UnheardChanges none(String streamName) {
        return new UnheardChanges(streamName, Set.of());
    }

    /**
     * @param streamName the stream's name
     * @param unheard the change types no listener receives
     */
    public static UnheardChanges of(String streamName, Set<ChangeType> unheard) {
        return new UnheardChanges(streamName, unheard);
    }

    /** The stream's name. */
    public String streamName() {
        return streamName;
    }

    /** The change types no listener receives. */
    public Set<ChangeType> types() {
        return Set.copyOf(unheard);
    }

    /**
     * Whether a change of this type is to be acknowledged without being published, because no listener receives
     * it; such a change is counted.
     */
    public boolean skip(ChangeType type) {
        LongAdder count = skipped.get(type);
        if (count == null) {
            return false;
        }
        count.increment();
        return true;
    }

    /** How many changes of this type were skipped so far. */
    public long count(ChangeType type) {
        LongAdder count = skipped.get(type);
        return count == null ? 0 : count.sum();
    }

    @Override
    public String toString() {
        return "UnheardChanges[stream=" + streamName + ", types=" + unheard + "]";
    }
}
