package io.github.dynamodbstream.spring.it;

import io.github.dynamodbstream.emulator.DynamoDbEmulator;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points the starter at an emulator. */
final class EmulatorProperties {

    private EmulatorProperties() {
    }

    static void register(DynamicPropertyRegistry registry, DynamoDbEmulator emulator) {
        registry.add("dynamodb.stream.endpoint", () -> emulator.endpoint().toString());
        registry.add("dynamodb.stream.region", emulator::region);
        registry.add("dynamodb.stream.credentials.access-key-id", () -> "emulator");
        registry.add("dynamodb.stream.credentials.secret-access-key", () -> "emulator");
    }

    /** The same, as {@code key=value} pairs for a {@code SpringApplicationBuilder}. */
    static String[] of(DynamoDbEmulator emulator) {
        return new String[] {
            "dynamodb.stream.endpoint=" + emulator.endpoint(),
            "dynamodb.stream.region=" + emulator.region(),
            "dynamodb.stream.credentials.access-key-id=emulator",
            "dynamodb.stream.credentials.secret-access-key=emulator"};
    }
}
