/** The results of a run, written as Markdown tables and as JSON. */
package io.github.dynamodbstream.benchmarks.report;
