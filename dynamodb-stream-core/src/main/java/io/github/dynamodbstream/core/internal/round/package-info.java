/** Running rounds: reading shards parent-first on a bounded executor, tallying, and the continuous poll loop. */
package io.github.dynamodbstream.core.internal.round;
