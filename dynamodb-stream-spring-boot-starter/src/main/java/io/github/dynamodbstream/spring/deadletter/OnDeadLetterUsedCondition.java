package io.github.dynamodbstream.spring.deadletter;

import io.github.dynamodbstream.core.failure.ListenerFailureMode;
import io.github.dynamodbstream.spring.ConfiguredStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
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
        List<String> streams = new ArrayList<>();
        for (ConfiguredStream stream : ConfiguredStream.all(context.getEnvironment())) {
            if (stream.settings().isEnabled() && stream.settings().getOnFailure() == ListenerFailureMode.DEAD_LETTER) {
                streams.add(stream.prefix());
            }
        }
        if (streams.isEmpty()) {
            return ConditionOutcome.noMatch(message.because("no stream has on-failure=dead-letter"));
        }
        return ConditionOutcome.match(message.found("stream with on-failure=dead-letter",
                "streams with on-failure=dead-letter").items(streams));
    }
}
