package io.github.dynamodbstream.emulator.internal.expression;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A parsed ProjectionExpression. */
@FunctionalInterface
public interface Projection {

    /** A new item holding only the projected attributes (and paths within them) of the given item. */
    ObjectNode apply(ObjectNode item);
}
