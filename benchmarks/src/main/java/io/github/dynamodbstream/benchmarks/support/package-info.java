/** What every scenario shares: clocks, AWS clients, the benchmark table, its items and delivery records. */
package io.github.dynamodbstream.benchmarks.support;
