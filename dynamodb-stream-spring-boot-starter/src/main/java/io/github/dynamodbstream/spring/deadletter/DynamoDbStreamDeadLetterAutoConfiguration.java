package io.github.dynamodbstream.spring.deadletter;

import io.github.dynamodbstream.core.DynamoDbStreamException;
import io.github.dynamodbstream.core.dynamodb.DynamoDbDeadLetterStore;
import io.github.dynamodbstream.core.failure.DeadLetterStore;
import io.github.dynamodbstream.spring.DynamoDbStreamAutoConfiguration;
import io.github.dynamodbstream.spring.DynamoDbStreamProperties;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Auto-configuration of the {@link DeadLetterStore} that streams with {@code on-failure: dead-letter} write the
 * records they give up on to: a {@link DynamoDbDeadLetterStore} on {@code dynamodb.stream.dead-letter.table-name}.
 * It is there only when some stream uses it; the table is checked at start (and created when
 * {@code dynamodb.stream.dead-letter.create-table} is set). An application's own {@code DeadLetterStore} bean
 * replaces it.
 */
@AutoConfiguration(after = DynamoDbStreamAutoConfiguration.class)
@ConditionalOnClass(DynamoDbStreamsClient.class)
@ConditionalOnBooleanProperty(name = DynamoDbStreamProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(DynamoDbStreamProperties.class)
public final class DynamoDbStreamDeadLetterAutoConfiguration {

    @Bean
    @Conditional(OnDeadLetterUsedCondition.class)
    @ConditionalOnMissingBean(DeadLetterStore.class)
    DynamoDbDeadLetterStore dynamoDbStreamDeadLetterStore(DynamoDbClient dynamoDbClient,
            DynamoDbStreamProperties properties) {
        DynamoDbStreamProperties.DeadLetter deadLetter = properties.getDeadLetter();
        try {
            return DynamoDbDeadLetterStore.builder()
                    .dynamoDbClient(dynamoDbClient)
                    .tableName(deadLetter.getTableName())
                    .createTableIfMissing(deadLetter.isCreateTable())
                    .build();
        } catch (DynamoDbStreamException | IllegalArgumentException e) {
            throw new DynamoDbStreamConfigurationException("The DynamoDB dead-letter table '"
                    + deadLetter.getTableName() + "' (dynamodb.stream.dead-letter.table-name) cannot be used: "
                    + e.getMessage(), "Set dynamodb.stream.dead-letter.create-table=true to create the table at "
                    + "start, or create it yourself; check dynamodb.stream.dead-letter.table-name, the region and the "
                    + "IAM permissions on the table; or define a DeadLetterStore bean of your own.", e);
        }
    }
}
