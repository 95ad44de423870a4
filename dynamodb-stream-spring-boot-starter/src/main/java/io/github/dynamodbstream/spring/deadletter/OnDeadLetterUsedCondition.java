package io.github.dynamodbstream.spring.deadletter;

import io.github.dynamodbstream.core.ListenerFailureMode;
import io.github.dynamodbstream.spring.DynamoDbStreamProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when some stream gives records up to the dead-letter store: {@code dynamodb.stream.on-failure}, or the
 * same key of a stream, is {@code dead-letter}.
 */
final class OnDeadLetterUsedCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("DynamoDB stream dead letters");
        DynamoDbStreamProperties properties = Binder.get(context.getEnvironment())
                .bind(DynamoDbStreamProperties.PREFIX, DynamoDbStreamProperties.class)
                .orElseGet(DynamoDbStreamProperties::new);
        List<String> streams = new ArrayList<>();
        boolean shorthand = properties.getStreamArn() != null || properties.getTableName() != null;
        if (shorthand && properties.getOnFailure() == ListenerFailureMode.DEAD_LETTER) {
            streams.add(DynamoDbStreamProperties.PREFIX);
        }
        for (Map.Entry<String, DynamoDbStreamProperties.Stream> entry : properties.getStreams().entrySet()) {
            ListenerFailureMode mode = entry.getValue().getOnFailure() != null ? entry.getValue().getOnFailure()
                    : properties.getOnFailure();
            if (mode == ListenerFailureMode.DEAD_LETTER) {
                streams.add(DynamoDbStreamProperties.PREFIX + ".streams." + entry.getKey());
            }
        }
        if (streams.isEmpty()) {
            return ConditionOutcome.noMatch(message.because("no stream has on-failure=dead-letter"));
        }
        return ConditionOutcome.match(message.found("stream with on-failure=dead-letter",
                "streams with on-failure=dead-letter").items(streams));
    }
}
