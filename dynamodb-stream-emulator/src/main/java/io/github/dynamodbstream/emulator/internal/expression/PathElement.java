package io.github.dynamodbstream.emulator.internal.expression;

/** One step of a document path: an attribute (or map key) name, or a list index. */
sealed interface PathElement {

    /** A map key, or at the start of a path a top-level attribute name (after {@code #name} substitution). */
    record Name(String name) implements PathElement {

        @Override
        public String toString() {
            return name;
        }
    }

    /** A position in a list. */
    record Index(int index) implements PathElement {

        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }
}
