package io.github.dynamodbstream.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamArnTest {

    @Test
    void parsesEveryPartOfAStreamArn() {
        String text = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders.v2_x-y/stream/2024-05-01T12:00:00.000";

        StreamArn arn = StreamArn.parse(text);

        assertThat(arn.partition()).isEqualTo("aws");
        assertThat(arn.region()).isEqualTo("eu-west-1");
        assertThat(arn.accountId()).isEqualTo("123456789012");
        assertThat(arn.tableName()).isEqualTo("orders.v2_x-y");
        assertThat(arn.label()).isEqualTo("2024-05-01T12:00:00.000");
        assertThat(arn).hasToString(text);
    }

    @Test
    void acceptsOtherPartitions() {
        StreamArn arn = StreamArn.parse("arn:aws-cn:dynamodb:cn-north-1:123456789012:table/t1/stream/label");

        assertThat(arn.partition()).isEqualTo("aws-cn");
        assertThat(arn.region()).isEqualTo("cn-north-1");
    }

    @Test
    void arnsAreEqualWhenTheirTextIs() {
        String text = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/1";

        assertThat(StreamArn.parse(text)).isEqualTo(StreamArn.parse(text))
                .hasSameHashCodeAs(StreamArn.parse(text))
                .isNotEqualTo(StreamArn.parse(text.replace("/1", "/2")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "orders|it does not have the six ':'-separated parts",
        "arn:aws:dynamodb:us-east-1:123456789012|it does not have the six ':'-separated parts",
        "arn:AWS:dynamodb:us-east-1:123456789012:table/orders/stream/1|the partition 'AWS' is not valid",
        "arn:aws:kinesis:us-east-1:123456789012:table/orders/stream/1|the service is 'kinesis', not 'dynamodb'",
        "arn:aws:dynamodb:US_EAST:123456789012:table/orders/stream/1|the region 'US_EAST' is not valid",
        "arn:aws:dynamodb:us-east-1:1234:table/orders/stream/1|the account id '1234' is not 12 digits",
        "arn:aws:dynamodb:us-east-1:123456789012:index/orders/stream/1|does not start with 'table/'",
        "arn:aws:dynamodb:us-east-1:123456789012:table/orders|it is a table ARN, not a stream ARN",
        "arn:aws:dynamodb:us-east-1:123456789012:table/or ders/stream/1|the table name 'or ders' is not valid",
        "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/|the stream label after '/stream/' is empty",
        "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/a/b|contains '/'",
    })
    void rejectsAMalformedArnSayingWhatIsWrong(String arn, String problem) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StreamArn.parse(arn))
                .withMessageContaining("Malformed DynamoDB stream ARN '" + arn + "'")
                .withMessageContaining(problem)
                .withMessageContaining("A stream ARN looks like arn:aws:dynamodb:");
    }

    @Test
    void rejectsAMissingArn() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StreamArn.parse(null))
                .withMessageContaining("it is empty");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StreamArn.parse("  "))
                .withMessageContaining("it is empty");
    }
}
