/**
 * A web application that serves orders from a live in-memory replica of the {@code orders} table and logs each
 * change; its tests and {@code TestTableReplicaApplication} run it on the embedded emulator.
 */
package io.github.dynamodbstream.samples.replica;
