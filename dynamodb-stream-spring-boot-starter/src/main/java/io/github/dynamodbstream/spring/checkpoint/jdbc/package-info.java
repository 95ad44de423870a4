/** Checkpoints in a relational database, through Spring's {@code JdbcClient}. */
package io.github.dynamodbstream.spring.checkpoint.jdbc;
