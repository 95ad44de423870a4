/** The minimal Spring Boot application the starter is measured in. */
package io.github.dynamodbstream.benchmarks.starter;
