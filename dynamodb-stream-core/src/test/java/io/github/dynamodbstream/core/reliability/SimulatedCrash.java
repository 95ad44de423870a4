package io.github.dynamodbstream.core.reliability;

/** Stands for the consumer's process dying: an {@link Error}, which the poller neither retries nor acknowledges. */
final class SimulatedCrash extends Error {

    SimulatedCrash(String where) {
        super("simulated crash " + where);
    }
}
