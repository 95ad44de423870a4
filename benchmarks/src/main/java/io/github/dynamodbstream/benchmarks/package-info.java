/** Benchmarks of the poller, the starter and the Node.js library side by side on the emulator. */
package io.github.dynamodbstream.benchmarks;
