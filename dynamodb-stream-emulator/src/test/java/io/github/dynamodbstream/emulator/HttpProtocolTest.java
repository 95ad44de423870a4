package io.github.dynamodbstream.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The wire protocol around the operations: targets, bodies, errors (AWS JSON 1.0 protocol). */
class HttpProtocolTest {

    @RegisterExtension
    static final DynamoDbEmulatorExtension EMULATOR = DynamoDbEmulatorExtension.create();

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String target, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(EMULATOR.emulator().endpoint())
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesATableOperationUnderTheDynamoDbTarget() throws Exception {
        HttpResponse<String> response = post("DynamoDB_20120810.ListTables", "{}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(response.body()).contains("\"TableNames\":[]");
    }

    @Test
    void servesAStreamOperationOnlyUnderTheStreamsTarget() throws Exception {
        assertThat(post("DynamoDBStreams_20120810.ListStreams", "{}").statusCode()).isEqualTo(200);

        HttpResponse<String> wrongService = post("DynamoDB_20120810.ListStreams", "{}");
        assertThat(wrongService.statusCode()).isEqualTo(400);
        assertThat(wrongService.body()).contains("UnknownOperationException");
    }

    @Test
    void unknownTargetAnswersUnknownOperation() throws Exception {
        HttpResponse<String> response = post("DynamoDB_20120810.Frobnicate", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("com.amazon.coral.service#UnknownOperationException");
    }

    @Test
    void missingTargetAnswersUnknownOperation() throws Exception {
        HttpResponse<String> response = post(null, "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("UnknownOperationException");
    }

    @Test
    void malformedJsonAnswersSerializationException() throws Exception {
        HttpResponse<String> response = post("DynamoDB_20120810.ListTables", "{\"Limit\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("SerializationException").contains("not valid JSON");
    }

    @Test
    void bodyThatIsNotAnObjectAnswersSerializationException() throws Exception {
        HttpResponse<String> response = post("DynamoDB_20120810.ListTables", "[1,2]");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("must be a JSON object");
    }
}
