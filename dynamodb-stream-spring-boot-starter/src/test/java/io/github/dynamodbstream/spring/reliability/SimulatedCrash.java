package io.github.dynamodbstream.spring.reliability;

/** Thrown where the campaign kills the consumer: an {@code Error}, which no part of the consumer handles. */
final class SimulatedCrash extends Error {

    SimulatedCrash(String where) {
        super("simulated crash " + where);
    }
}
