package io.github.dynamodbstream.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.spring.support.TestStreams;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The default convention's name, contextual name and key values, each built once per kind of delivery. */
class DefaultDynamoDbStreamDeliveryConventionTests {

    private final DefaultDynamoDbStreamDeliveryConvention convention = new DefaultDynamoDbStreamDeliveryConvention();

    private static DynamoDbStreamDeliveryContext context(String stream, String changeType, String sequenceNumber) {
        ChangeRecord record = ChangeRecord.builder().type(ChangeType.INSERT).streamArn(TestStreams.arn(stream))
                .shardId("shard-3").sequenceNumber(sequenceNumber).keys(Map.of("id", AttributeValue.fromS("1")))
                .newImage(Map.of("id", AttributeValue.fromS("1"))).oldImage(Map.of()).build();
        return new DynamoDbStreamDeliveryContext(stream, stream + "-table", changeType, List.of(record));
    }

    private static List<String> pairs(KeyValues keyValues) {
        return keyValues.stream().map(keyValue -> keyValue.getKey() + "=" + keyValue.getValue()).toList();
    }

    @Test
    void aSuccessIsTaggedWithTheStreamTheTableTheChangeTypeAndTheSuccessOutcome() {
        DynamoDbStreamDeliveryContext context = context("orders", "INSERT", "100");

        assertThat(pairs(convention.getLowCardinalityKeyValues(context))).containsExactly(
                "dynamodb.stream.change.type=INSERT", "dynamodb.stream.name=orders",
                "dynamodb.stream.outcome=SUCCESS", "dynamodb.stream.table=orders-table");
        assertThat(convention.getName()).isEqualTo("dynamodb.stream.listener");
        assertThat(convention.getContextualName(context)).isEqualTo("orders deliver");
    }

    @Test
    void aFailureIsTaggedWithTheFailureOutcome() {
        DynamoDbStreamDeliveryContext context = context("orders", "MODIFY", "100");
        KeyValues beforeTheError = convention.getLowCardinalityKeyValues(context);
        context.setError(new IllegalStateException("the listener failed"));

        assertThat(pairs(convention.getLowCardinalityKeyValues(context))).containsExactly(
                "dynamodb.stream.change.type=MODIFY", "dynamodb.stream.name=orders",
                "dynamodb.stream.outcome=FAILURE", "dynamodb.stream.table=orders-table");
        assertThat(beforeTheError).contains(KeyValue.of("dynamodb.stream.outcome", "SUCCESS"));
    }

    @Test
    void theHighCardinalityKeysAreTheShardAndTheSequenceNumberOfEachDelivery() {
        assertThat(pairs(convention.getHighCardinalityKeyValues(context("orders", "INSERT", "100"))))
                .containsExactly("dynamodb.stream.sequence.number=100", "dynamodb.stream.shard=shard-3");
        assertThat(pairs(convention.getHighCardinalityKeyValues(context("orders", "INSERT", "101"))))
                .containsExactly("dynamodb.stream.sequence.number=101", "dynamodb.stream.shard=shard-3");
    }

    @Test
    void deliveriesOfOneKindShareTheirKeyValuesAndOtherKindsHaveTheirOwn() {
        KeyValues first = convention.getLowCardinalityKeyValues(context("orders", "INSERT", "100"));

        assertThat(convention.getLowCardinalityKeyValues(context("orders", "INSERT", "101"))).isSameAs(first);
        assertThat(convention.getContextualName(context("orders", "INSERT", "101")))
                .isSameAs(convention.getContextualName(context("orders", "INSERT", "102")));
        assertThat(pairs(convention.getLowCardinalityKeyValues(context("orders", "REMOVE", "102"))))
                .contains("dynamodb.stream.change.type=REMOVE");
        assertThat(pairs(convention.getLowCardinalityKeyValues(context("payments", "INSERT", "100"))))
                .contains("dynamodb.stream.name=payments", "dynamodb.stream.table=payments-table");
        assertThat(convention.getContextualName(context("payments", "BATCH", "100"))).isEqualTo("payments deliver");
    }
}
