package io.github.dynamodbstream.emulator.internal.expression;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A parsed UpdateExpression. */
@FunctionalInterface
public interface Update {

    /**
     * Applies the update to a copy of the item and returns the copy; the argument is never changed.
     *
     * @param item the current item, or an item holding only its keys when there is none yet
     */
    ObjectNode apply(ObjectNode item);
}
