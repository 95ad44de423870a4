package io.github.dynamodbstream.spring.replica;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when some stream is replicated: {@code dynamodb.stream.replica.enabled}, or the same key of a stream. */
final class OnReplicaEnabledCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("DynamoDB table replica");
        List<ReplicatedStream> replicated = ReplicatedStream.of(context.getEnvironment());
        if (replicated.isEmpty()) {
            return ConditionOutcome.noMatch(message.because("no stream has replica.enabled=true"));
        }
        return ConditionOutcome.match(message.found("replicated stream", "replicated streams")
                .items(replicated.stream().map(ReplicatedStream::name).toList()));
    }
}
