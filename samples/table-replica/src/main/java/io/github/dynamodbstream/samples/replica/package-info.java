/**
 * A web application that serves orders from a live in-memory replica of the {@code orders} table, logs each change,
 * and runs on an embedded emulator unless told otherwise.
 */
package io.github.dynamodbstream.samples.replica;
