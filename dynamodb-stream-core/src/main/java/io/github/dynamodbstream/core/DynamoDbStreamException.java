package io.github.dynamodbstream.core;

/** Base of the exceptions this library throws. Its message says what went wrong and how to fix it. */
public class DynamoDbStreamException extends RuntimeException {

    public DynamoDbStreamException(String message) {
        super(message);
    }

    public DynamoDbStreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
