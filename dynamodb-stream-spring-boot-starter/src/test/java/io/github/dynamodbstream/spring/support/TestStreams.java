package io.github.dynamodbstream.spring.support;

import io.github.dynamodbstream.core.StartingPosition;
import io.github.dynamodbstream.core.StreamArn;
import io.github.dynamodbstream.core.failure.ListenerFailureMode;
import io.github.dynamodbstream.core.failure.RetryBackoff;
import io.github.dynamodbstream.spring.ListenerMode;
import io.github.dynamodbstream.spring.StreamDefinition;
import io.github.dynamodbstream.spring.mapping.ItemConverterFactory;
import java.time.Duration;

/** Stream definitions for tests that need no AWS endpoint: the stream of a table named like the stream. */
public final class TestStreams {

    private TestStreams() {
    }

    /** The ARN of the stream of this table. */
    public static String arn(String table) {
        return "arn:aws:dynamodb:us-east-1:123456789012:table/" + table + "/stream/2024-05-01T00:00:00.000";
    }

    /**
     * A stream of the table of this name, with items of this type ({@code null} for maps), in this listener mode,
     * giving up on a failed record at once.
     */
    public static StreamDefinition definition(String name, Class<?> itemType, ListenerMode mode) {
        ItemConverterFactory converters = new ItemConverterFactory(null, TestStreams.class.getClassLoader());
        return new StreamDefinition(name, StreamArn.parse(arn(name)), itemType,
                converters.converterFor(itemType, "dynamodb.stream.streams." + name + ".item-type"),
                StartingPosition.LATEST, Duration.ofSeconds(1), 1000, Duration.ofSeconds(30), "test",
                RetryBackoff.noRetry(), ListenerFailureMode.SKIP, null, mode, record -> true);
    }
}
