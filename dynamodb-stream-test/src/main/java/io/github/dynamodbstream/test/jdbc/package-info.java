/** Test support for the JDBC checkpoint store: a real PostgreSQL server in the test's machine, without Docker. */
package io.github.dynamodbstream.test.jdbc;
