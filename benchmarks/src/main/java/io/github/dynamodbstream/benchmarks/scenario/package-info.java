/** One class per measurement: throughput, latency, API cost, scale and start-up. */
package io.github.dynamodbstream.benchmarks.scenario;
