/** The DynamoDB Streams side of the emulator: streams, shards, records and the four Streams API operations. */
package io.github.dynamodbstream.emulator.internal.stream;
