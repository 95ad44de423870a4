package io.github.dynamodbstream.core;

/** The stream a poller reads does not exist any more, or never did: its table was deleted, or the ARN is wrong. */
public class StreamUnavailableException extends DynamoDbStreamException {

    private final String streamArn;

    public StreamUnavailableException(String streamArn, String message, Throwable cause) {
        super(message, cause);
        this.streamArn = streamArn;
    }

    /** The ARN of the stream that could not be read. */
    public String streamArn() {
        return streamArn;
    }
}
