package io.github.dynamodbstream.benchmarks.contender;

import java.util.function.Supplier;

/**
 * Makes fresh contenders of one kind: every pass of a scenario gets a new one.
 *
 * @param name the contender's name in reports
 * @param factory makes one
 */
public record ContenderFactory(String name, Supplier<Contender> factory) {

    public Contender create() {
        return factory.get();
    }

    /** Whether this is the hand-written ceiling, the reference of every ratio. */
    public boolean isCeiling() {
        return name.equals("ceiling");
    }
}
