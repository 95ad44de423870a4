package io.github.dynamodbstream.spring.diagnostics;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import java.util.Objects;

/**
 * The starter's configuration is wrong: the application cannot start. Spring Boot reports it through
 * {@link DynamoDbStreamConfigurationFailureAnalyzer}, with {@link #problem()} as the description and
 * {@link #action()} as what to do.
 */
public class DynamoDbStreamConfigurationException extends DynamoDbStreamException {

    private final String problem;
    private final String action;

    /**
     * @param problem what is wrong, naming the property and its value
     * @param action what to do about it
     */
    public DynamoDbStreamConfigurationException(String problem, String action) {
        this(problem, action, null);
    }

    /**
     * @param problem what is wrong, naming the property and its value
     * @param action what to do about it
     * @param cause the underlying failure, or {@code null}
     */
    public DynamoDbStreamConfigurationException(String problem, String action, Throwable cause) {
        super(Objects.requireNonNull(problem, "problem") + " " + Objects.requireNonNull(action, "action"), cause);
        this.problem = problem;
        this.action = action;
    }

    /** What is wrong. */
    public String problem() {
        return problem;
    }

    /** What to do about it. */
    public String action() {
        return action;
    }
}
