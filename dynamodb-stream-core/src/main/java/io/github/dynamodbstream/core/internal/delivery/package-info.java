/** Turning stream records into change records and handing them to the listener, with retries. */
package io.github.dynamodbstream.core.internal.delivery;
