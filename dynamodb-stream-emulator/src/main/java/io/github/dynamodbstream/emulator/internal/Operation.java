package io.github.dynamodbstream.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One API operation. It is invoked under the emulator's lock with the parsed request body and returns the
 * response body, or throws {@link ApiException}. The returned tree must not be changed afterwards: it is
 * written to the client after the lock is released.
 */
@FunctionalInterface
public interface Operation {

    JsonNode invoke(ObjectNode request);
}
