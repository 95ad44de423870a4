package io.github.dynamodbstream.emulator.internal.expression;

import java.util.List;

/**
 * A document path such as {@code a.b[2].c}; the first element is always a {@link PathElement.Name}.
 * Its {@link #toString()} is the form DynamoDB uses in error messages: {@code [a, b, [2], c]}.
 */
record DocumentPath(List<PathElement> elements) {

    DocumentPath {
        elements = List.copyOf(elements);
    }

    String topLevelName() {
        return ((PathElement.Name) elements.get(0)).name();
    }

    boolean isTopLevel() {
        return elements.size() == 1;
    }

    PathElement last() {
        return elements.get(elements.size() - 1);
    }

    DocumentPath parent() {
        return new DocumentPath(elements.subList(0, elements.size() - 1));
    }

    @Override
    public String toString() {
        return elements.toString();
    }
}
