/** Backoff between attempts. */
package io.github.dynamodbstream.core.internal.retry;
