package io.github.dynamodbstream.emulator.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynamodbstream.emulator.Fault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Damages the first record of a rendered GetRecords answer, as a record fault says; the stored record is intact. */
final class RecordDamage {

    private RecordDamage() {
    }

    static byte[] apply(ObjectMapper mapper, byte[] rendered, Fault fault) {
        try {
            JsonNode answer = mapper.readTree(rendered);
            ObjectNode record = (ObjectNode) answer.path("Records").get(0);
            switch (fault.kind()) {
                case UNKNOWN_EVENT_NAME -> record.put("eventName", Fault.UNKNOWN_EVENT_NAME);
                case RECORD_WITHOUT_IMAGES -> ((ObjectNode) record.get("dynamodb")).remove(
                        List.of("NewImage", "OldImage"));
                case RECORD_WITHOUT_DYNAMODB_PART -> record.remove("dynamodb");
                default -> throw new IllegalArgumentException(fault + " does not damage a record");
            }
            return mapper.writeValueAsBytes(answer);
        } catch (JacksonException e) {
            throw new IllegalStateException("Cannot damage the GetRecords answer it rendered itself", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
