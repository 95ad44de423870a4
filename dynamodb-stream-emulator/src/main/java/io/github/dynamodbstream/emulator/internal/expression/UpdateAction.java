package io.github.dynamodbstream.emulator.internal.expression;

/** One action of an update expression, on one document path. */
sealed interface UpdateAction {

    DocumentPath path();

    /** {@code SET path = value}. */
    record SetAction(DocumentPath path, Operand value) implements UpdateAction {
    }

    /** {@code REMOVE path}. */
    record RemoveAction(DocumentPath path) implements UpdateAction {
    }

    /** {@code ADD path :value}: number addition or set union. */
    record AddAction(DocumentPath path, Operand.Value value) implements UpdateAction {
    }

    /** {@code DELETE path :subset}: set difference. */
    record DeleteAction(DocumentPath path, Operand.Value value) implements UpdateAction {
    }
}
