package io.github.dynamodbstream.spring.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link DynamoDbStreamConfigurationException} into the report Spring Boot prints when the application
 * fails to start: what is wrong, and what to do.
 */
public final class DynamoDbStreamConfigurationFailureAnalyzer
        extends AbstractFailureAnalyzer<DynamoDbStreamConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DynamoDbStreamConfigurationException cause) {
        return new FailureAnalysis(cause.problem(), cause.action(), cause);
    }
}
