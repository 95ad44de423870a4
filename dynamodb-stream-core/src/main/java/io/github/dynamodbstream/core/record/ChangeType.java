package io.github.dynamodbstream.core.record;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What happened to an item: the {@code eventName} of a stream record. */
public enum ChangeType {

    /** A new item was added to the table. The record carries its new image (unless the view type is KEYS_ONLY). */
    INSERT,

    /** An existing item was changed. The record carries its new and old images, as the view type allows. */
    MODIFY,

    /** An item was deleted, by a user or by Time to Live. The record carries its old image, as the view type allows. */
    REMOVE;

    /**
     * The change type of a stream record's {@code eventName}.
     *
     * @param eventName {@code INSERT}, {@code MODIFY} or {@code REMOVE}
     * @return the change type
     * @throws IllegalArgumentException when the name is {@code null} or not one of the three
     */
    public static ChangeType fromEventName(String eventName) {
        if (eventName != null) {
            for (ChangeType type : values()) {
                if (type.name().equals(eventName)) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("Unknown stream record eventName '" + eventName + "': expected one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
