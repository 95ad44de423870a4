/** Conversion of stream records' item images into plain Java values and application types. */
package io.github.dynamodbstream.core.internal.record;
