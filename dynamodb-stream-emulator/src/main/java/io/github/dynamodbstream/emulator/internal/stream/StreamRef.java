package io.github.dynamodbstream.emulator.internal.stream;

/** A stream's ARN and its label (the timestamp at the end of the ARN). */
public record StreamRef(String streamArn, String streamLabel) {
}
