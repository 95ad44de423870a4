package io.github.dynamodbstream.spring.mapping;

import io.github.dynamodbstream.core.internal.record.PlainItemConverter;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Writes an image as the Jackson tokens that serializing its plain Java values ({@code ChangeRecord.newItem()})
 * gives: an object of the attributes in their order, a number as a {@code BigDecimal}, binary values as binary, sets
 * and lists as arrays, maps as objects. Jackson reads the item from these tokens without the plain map being built
 * and serialized first.
 */
final class ImageTokens {

    private ImageTokens() {
    }

    /**
     * The image's tokens.
     *
     * @throws IllegalArgumentException naming the attribute, when a value has no type set
     */
    static TokenBuffer of(Map<String, AttributeValue> image) {
        TokenBuffer tokens = TokenBuffer.forGeneration();
        writeMap(tokens, null, image);
        return tokens;
    }

    private static void writeMap(JsonGenerator tokens, String path, Map<String, AttributeValue> values) {
        tokens.writeStartObject();
        for (Map.Entry<String, AttributeValue> attribute : values.entrySet()) {
            tokens.writeName(attribute.getKey());
            write(tokens, path == null ? attribute.getKey() : path + "." + attribute.getKey(), attribute.getValue());
        }
        tokens.writeEndObject();
    }

    private static void write(JsonGenerator tokens, String path, AttributeValue value) {
        if (value == null) {
            throw new IllegalArgumentException("Attribute '" + path + "' has no value");
        }
        switch (value.type()) {
            case S -> tokens.writeString(value.s());
            case N -> tokens.writeNumber(PlainItemConverter.number(value.n()));
            case B -> tokens.writeBinary(value.b().asByteArray());
            case BOOL -> tokens.writeBoolean(value.bool());
            case NUL -> tokens.writeNull();
            case SS -> {
                tokens.writeStartArray();
                value.ss().forEach(tokens::writeString);
                tokens.writeEndArray();
            }
            case NS -> {
                tokens.writeStartArray();
                value.ns().forEach(number -> tokens.writeNumber(PlainItemConverter.number(number)));
                tokens.writeEndArray();
            }
            case BS -> {
                tokens.writeStartArray();
                for (SdkBytes bytes : value.bs()) {
                    tokens.writeBinary(bytes.asByteArray());
                }
                tokens.writeEndArray();
            }
            case L -> writeList(tokens, path, value.l());
            case M -> writeMap(tokens, path, value.m());
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException(
                    "Attribute '" + path + "' has no type set, or one this SDK version does not know");
        }
    }

    private static void writeList(JsonGenerator tokens, String path, List<AttributeValue> values) {
        tokens.writeStartArray();
        for (int i = 0; i < values.size(); i++) {
            write(tokens, path + "[" + i + "]", values.get(i));
        }
        tokens.writeEndArray();
    }
}
