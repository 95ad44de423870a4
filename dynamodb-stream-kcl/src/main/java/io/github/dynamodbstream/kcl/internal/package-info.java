/** Internals of the Kinesis Client Library coordination; not API. */
package io.github.dynamodbstream.kcl.internal;
