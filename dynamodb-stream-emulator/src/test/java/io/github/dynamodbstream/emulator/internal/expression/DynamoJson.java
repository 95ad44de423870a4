package io.github.dynamodbstream.emulator.internal.expression;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Map;

/** Compact DynamoDB JSON for tests: single quotes and unquoted field names, e.g. {@code {id: {S: 'a'}}}. */
final class DynamoJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .build();

    private DynamoJson() {
    }

    static ObjectNode json(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ExpressionContext values(String valuesJson) {
        return new ExpressionContext(null, json(valuesJson));
    }

    static ExpressionContext context(Map<String, String> names, String valuesJson) {
        return new ExpressionContext(names, json(valuesJson));
    }
}
