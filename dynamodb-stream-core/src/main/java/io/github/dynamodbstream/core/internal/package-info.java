/** Internals of the poller; not part of the public API and subject to change. */
package io.github.dynamodbstream.core.internal;
