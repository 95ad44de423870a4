/** Internals of the table replica: key schema, scan, the copy itself and its readiness. */
package io.github.dynamodbstream.core.internal.replica;
